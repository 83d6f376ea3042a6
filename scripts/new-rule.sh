#!/usr/bin/env bash
# Scaffolds a new governance mode, cost rule or decision rule.
#
#   scripts/new-rule.sh governance|cost|decision NAME
#
# Writes sim/rules/gov_NAME.c, cost_NAME.c or decide_NAME.c from the
# commented template in scripts/rule-templates/ and adds the rule to its
# list in sim/rules/registry.c; nothing else (the build finds the new file
# by itself).  After a build the rule is a choice of governance.mode,
# cost_sharing.rule or decision.rule, its parameters are in `netgov params`,
# docs/PARAMETERS.md (rewritten by the build), --set, sweep axes, `netgov
# odd` and every output's resolved config, and the contract tests over the
# registry test it.  docs/EXTENDING.md says what to change next.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
    echo "usage: scripts/new-rule.sh governance|cost|decision NAME" >&2
    echo "  NAME: lower case letters, digits and _, starting with a letter" >&2
    exit 2
}

[ $# -eq 2 ] || usage
family=$1
name=$2
case "$family" in
governance) prefix=gov ; instance=ng_gov_$name ; list=GOVERNANCE_MODES ;;
cost) prefix=cost ; instance=ng_cost_$name ; list=COST_RULES ;;
decision) prefix=decide ; instance=ng_decide_$name ; list=DECISION_RULES ;;
*) echo "new-rule.sh: unknown family \"$family\"" >&2; usage ;;
esac
if ! [[ $name =~ ^[a-z][a-z0-9_]{0,30}$ ]]; then
    echo "new-rule.sh: \"$name\" is not a rule name" >&2
    usage
fi

file="sim/rules/${prefix}_$name.c"
registry="$root/sim/rules/registry.c"
if [ -e "$root/$file" ] || grep -q "X($instance)" "$registry"; then
    echo "new-rule.sh: $file or $instance exists already" >&2
    exit 2
fi
marker="/\\* new .* above this line \\*/"
grep -q -A6 "#define $list(X)" "$registry" ||
    { echo "new-rule.sh: no $list list in sim/rules/registry.c" >&2; exit 1; }

# 1. the rule's file, formatted as the project's code is (the name's length
#    moves line breaks)
sed "s/@NAME@/$name/g" "$root/scripts/rule-templates/$family.c" >"$root/$file"
if command -v clang-format >/dev/null; then
    (cd "$root" && clang-format -i "$file")
fi

# 2. its line in the registry, above the list's marker, with the trailing
#    backslash in the column clang-format puts it
entry=$(printf '    %-75s\\' "X($instance)")
awk -v list="#define $list(X)" -v entry="$entry" -v marker="$marker" '
    index($0, list) == 1 { inside = 1 }
    inside && $0 ~ marker { print entry; inside = 0 }
    { print }' "$registry" >"$registry.new"
mv "$registry.new" "$registry"

echo "new-rule.sh: wrote $file and added $instance to sim/rules/registry.c."
echo "  Next: build (cmake --build build), netgov params | grep $name, then"
echo "  make the rule what it should be (docs/EXTENDING.md)."
