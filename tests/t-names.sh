# t-names.sh - every global symbol says where it lives: a function or object
# defined in tools/NAME.c begins with NAME_ or with NAME's first word (cmd_,
# layout_, diff_, import_, sheet_ ...).  The exceptions are few and named here:
# main, the x* allocation wrappers of buf.c (xmalloc ... xoom, the common
# convention), and the two number types of decimal.c, whose functions carry
# the type's name (kdec_*, krate_*) as cmark's strbuf functions do.
. tests/lib.sh
case $KPIC in
*-asan) objdir=$(dirname "$KPIC")/asan ;;
*) objdir=$(dirname "$KPIC")/obj ;;
esac
check "the objects are there ($objdir)" test -n "$(ls "$objdir"/*.o 2>/dev/null)"

# named_ok MODULE SYMBOL
named_ok() {
	case $2 in "$1"_* | "${1%%_*}"_* | __*) return 0 ;; esac   # __*: the compiler's own (ASan's __odr_asan.*)
	case $1:$2 in
	*:main | buf:x* | decimal:kdec_* | decimal:krate_*) return 0 ;;
	esac
	return 1
}

bad=0 seen=0
for o in "$objdir"/*.o; do
	mod=$(basename "$o" .o)
	for sym in $(nm -g --defined-only "$o" | awk '$2 ~ /^[TDBRC]$/ { print $3 }'); do
		seen=$((seen + 1))
		named_ok "$mod" "$sym" && continue
		not_ok "tools/$mod.c defines $sym, which lacks the module's name"
		bad=$((bad + 1))
	done
done
check "the objects define symbols ($seen)" test "$seen" -gt 200
check "every global symbol carries its module's name" test "$bad" = 0

# the check itself can fail: names without their module's are noticed
not_named_ok() { ! named_ok "$@"; }
check "a name without its module's is noticed" not_named_ok cmd_common write_result
check "an allocator outside buf.c is noticed" not_named_ok vocab xmalloc
check "a prefixed name passes" named_ok cmd_common cmd_write_result
done_testing
