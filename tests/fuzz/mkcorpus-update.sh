#!/bin/sh
# mkcorpus-update.sh - writes the seeds of the update harness
# (tests/fuzz/corpus/update/): CSV sheets of kpic update, each after the
# mode byte fuzz_update.c reads (bit 0 targets, 1 revise, 2 again, 3-4 year,
# 5 JSON, 6 the grades source).  Usage: sh tests/fuzz/mkcorpus-update.sh
set -eu
cd "$(dirname "$0")/../.."
d=tests/fuzz/corpus/update
rm -rf "$d"
mkdir -p "$d"
# seed NAME MODE TEXT: one seed file, the mode byte (octal) then the text
seed() { printf "\\$2" >"$d/$1"; printf '%s' "$3" >>"$d/$1"; }
nl='
'
# hibarino: FY2024 actuals, by id and by name, a status, the year in the header
seed actuals-year 020 "kpi,series,value,status${nl}g1-jobs,,21600,${nl}g1-startups,,22,未確定${nl}g1-farmers,,—,${nl}"
seed actuals-header 000 "kpi,令和6年度${nl}g1-jobs,\"21,700人\"${nl}g2-births,(560)${nl}"
seed actuals-revise 022 "kpi,value${nl}g1-jobs,21500${nl}g1-tourists,760${nl}"
seed actuals-outside 030 "kpi,value${nl}g1-jobs,1${nl}"
seed actuals-json 040 "KPI項目,series,value${nl}市内事業所の従業者数,,1${nl}nope,,2${nl}"
# hibarino: yearly targets; grades.xml: given grades by id and by label
seed targets 001 "kpi,series,year,target${nl}g1-startups,,2025,22${nl}g1-farmers,,2025,9${nl}"
seed targets-revise 003 "kpi,year,target,scale,grade${nl}g1-jobs,R5,21000,,${nl}g1-farmers,令和7年度,9,,${nl}"
seed grades 103 "kpi,year,grade${nl}r50,2018,B${nl}given,2018,good${nl}"
seed grades-scale 143 "kpi,year,scale,grade${nl}given,2019,opinion,fair${nl}"
