/*
 * kensho.js - the KPI finder of the verification document (inlined by kpic,
 * allowed by the page's Content-Security-Policy through its hash).
 *
 * Above the KPI tables it adds a form that narrows them to one grade (the
 * choices are the grades the rows declare: data-grade, data-grade-label),
 * one 担当課 (data-dept, data-dept-names), one goal (data-goal; the level
 * by the name the source gives it, the appendix's data-level-goal), a KPI
 * name (search), and sorts each table by 達成率 (data-rate).  While it
 * narrows or sorts, a table is a flat list (class flat: no hierarchy cells).
 * It asks for nothing; without it every KPI is shown in document order.
 */
(function () {
	'use strict';
	var appendix = document.getElementById('appendix-kpi');
	if (!appendix || !document.querySelector) return;
	var rows = Array.prototype.slice.call(appendix.querySelectorAll('table.kpi-table tr[data-grade]'));
	if (rows.length === 0) return;
	var goals = Array.prototype.slice.call(appendix.querySelectorAll('section.goal'));
	rows.forEach(function (tr, i) { tr.setAttribute('data-order', String(i)); });

	function el(tag, attrs, text) {
		var e = document.createElement(tag);
		Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
		if (text) e.textContent = text;
		return e;
	}
	function field(label, control) {
		var l = el('label', null, label);
		l.appendChild(control);
		return l;
	}
	function choice(id, all, pairs) {
		var s = el('select', { id: id });
		s.appendChild(el('option', { value: '' }, all));
		pairs.forEach(function (p) { s.appendChild(el('option', { value: p[0] }, p[1])); });
		return s;
	}
	function distinct(list) {
		var seen = {}, out = [];
		list.forEach(function (p) {
			if (p[0] && !Object.prototype.hasOwnProperty.call(seen, p[0])) { seen[p[0]] = 1; out.push(p); }
		});
		return out;
	}
	function depts(tr) {
		var ids = (tr.getAttribute('data-dept') || '').split(' ');
		var names = (tr.getAttribute('data-dept-names') || '').split('\n');
		return ids.map(function (id, i) { return [id, names[i] || id]; });
	}
	function name(tr) {
		var th = tr.querySelector('th.kpi-name');
		return th ? th.textContent : '';
	}
	function fold(s) { return (s.normalize ? s.normalize('NFKC') : s).toLowerCase(); }

	var grade = choice('kpi-grade', 'すべて', distinct(rows.map(function (tr) {
		return [tr.getAttribute('data-grade'), tr.getAttribute('data-grade-label')];
	})));
	var dept = choice('kpi-dept', 'すべての担当課', distinct([].concat.apply([], rows.map(depts))));
	var level = appendix.getAttribute('data-level-goal') || '';
	var goal = choice('kpi-goal', 'すべての' + level, goals.map(function (g) {
		var h = g.querySelector('h3');
		return [g.id.replace(/^goal-/, ''), h ? h.textContent.replace(/\s+/g, ' ').trim() : g.id];
	}));
	var search = el('input', { type: 'search', id: 'kpi-search', autocomplete: 'off' });
	var sort = choice('kpi-sort', '文書の順', [['desc', '達成率の高い順'], ['asc', '達成率の低い順']]);
	var status = el('output', { id: 'kpi-status', 'aria-live': 'polite' });
	var form = el('form', { id: 'kpi-finder', class: 'kpi-finder', 'aria-label': 'KPIの絞り込み' });
	var fields = el('div', { class: 'fields' });
	fields.appendChild(field('判定', grade));
	fields.appendChild(field('担当課', dept));
	fields.appendChild(field(level, goal));
	fields.appendChild(field('KPI名で検索', search));
	fields.appendChild(field('並べ替え', sort));
	form.appendChild(fields);
	form.appendChild(status);
	form.addEventListener('submit', function (e) { e.preventDefault(); });
	appendix.insertBefore(form, goals[0] || null);

	function rate(tr) {
		var r = parseFloat(tr.getAttribute('data-rate'));
		return isNaN(r) ? null : r;
	}
	function order(a, b) {
		var how = sort.value;
		if (how) {
			var x = rate(a), y = rate(b);
			if (x !== y) {
				if (x === null) return 1;
				if (y === null) return -1;
				return how === 'asc' ? x - y : y - x;
			}
		}
		return a.getAttribute('data-order') - b.getAttribute('data-order');
	}
	function apply() {
		var g = grade.value, d = dept.value, q = fold(search.value.trim()), n = 0;
		var active = g || d || goal.value || q || sort.value;
		rows.forEach(function (tr) {
			var show = (!g || tr.getAttribute('data-grade') === g) &&
				(!d || (' ' + tr.getAttribute('data-dept') + ' ').indexOf(' ' + d + ' ') >= 0) &&
				(!goal.value || tr.getAttribute('data-goal') === goal.value) &&
				(!q || fold(name(tr)).indexOf(q) >= 0);
			tr.hidden = !show;
			if (show) n++;
		});
		goals.forEach(function (sec) {
			sec.hidden = goal.value !== '' && sec.id !== 'goal-' + goal.value;
			var table = sec.querySelector('table.kpi-table');
			if (!table) return;
			table.classList.toggle('flat', !!active);
			var body = table.tBodies[0];
			var mine = rows.filter(function (tr) { return tr.parentNode === body; });
			mine.sort(order);
			mine.forEach(function (tr) { body.appendChild(tr); });
			/* Back to the document's order: the heading cells span again. */
			if (!active) restore(body);
		});
		status.textContent = rows.length + '件中' + n + '件のKPIを表示';
	}
	/* The rows without a KPI (再掲, headings without KPIs) go back between
	 * the KPI rows where the document has them. */
	var places = rows.map(function (tr) { return tr.previousElementSibling; });
	function restore(body) {
		rows.forEach(function (tr, i) {
			if (tr.parentNode !== body) return;
			var before = places[i];
			if (before && before.parentNode === body) body.insertBefore(tr, before.nextSibling);
			else if (!before) body.insertBefore(tr, body.firstChild);
		});
	}
	[grade, dept, goal, sort].forEach(function (c) { c.addEventListener('change', apply); });
	search.addEventListener('input', apply);
	apply();
})();
