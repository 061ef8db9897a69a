#!/usr/bin/env bash
# Checks of .github that need no network (run by .ci/run; the GitHub workflow adds actionlint):
#  - every workflow parses as YAML and has `on` and `jobs`;
#  - every action is pinned to a commit SHA (local ./ actions aside);
#  - no `${{ }}` inside a `run:` step (values reach scripts through `env:`, never pasted into shell text);
#  - no job of a `*-plan` environment reads a secret; no job token anywhere;
#  - shellcheck on every `run:` step (extracted, as bash) and on .github/scripts/**/*.sh and .ci/run.
# Usage: lint-workflows.sh [repository root]   (default: the root of this checkout)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"

python=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml' 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || { echo "lint-workflows: needs python3 with PyYAML (Debian: python3-yaml)" >&2; exit 1; }
command -v shellcheck >/dev/null || { echo "lint-workflows: needs shellcheck (Debian: shellcheck)" >&2; exit 1; }

steps=$(mktemp -d)
trap 'rm -rf "$steps"' EXIT

policy=0
"$python" - "$steps" .github/workflows/*.yml <<'PY' || policy=1
import os, re, sys, yaml

out, files = sys.argv[1], sys.argv[2:]
errors = []
pinned = re.compile(r'^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$')
expr = re.compile(r'\$\{\{.*?\}\}', re.S)

def shell_of(*levels):
    for level in levels:
        s = ((level or {}).get('defaults') or {}).get('run', {}).get('shell') if isinstance(level, dict) else None
        if s:
            return s
    return 'bash'

for path in files:
    text = open(path, encoding='utf-8').read()
    try:
        wf = yaml.safe_load(text)
    except yaml.YAMLError as e:
        errors.append(f'{path}: not valid YAML: {e}')
        continue
    if not isinstance(wf, dict) or 'jobs' not in wf or not ({'on', True} & set(wf)):
        errors.append(f'{path}: a workflow needs `on` and `jobs`')
        continue
    if re.search(r'JOB_TOKEN|job_token', text):
        errors.append(f'{path}: mentions a job token (removed: the schedules invoke the jobs function)')
    for job_id, job in (wf['jobs'] or {}).items():
        env_name = job.get('environment')
        if isinstance(env_name, dict):
            env_name = env_name.get('name')
        if isinstance(env_name, str) and env_name.endswith('-plan') and 'secrets.' in yaml.safe_dump(job):
            errors.append(f'{path}: job {job_id} runs in a plan environment and reads a secret')
        if isinstance(job.get('uses'), str) and not job['uses'].startswith('./') and not pinned.match(job['uses']):
            errors.append(f'{path}: job {job_id}: reusable workflow not pinned to a commit: {job["uses"]}')
        for i, step in enumerate(job.get('steps') or []):
            where = f'{path}: job {job_id}, step {i + 1} ({step.get("name") or step.get("uses") or "run"})'
            uses = step.get('uses')
            if uses and not uses.startswith('./') and not uses.startswith('docker://') and not pinned.match(uses):
                errors.append(f'{where}: action not pinned to a commit SHA: {uses}')
            if uses and uses.startswith('docker://') and '@sha256:' not in uses:
                errors.append(f'{where}: docker action not pinned by digest: {uses}')
            run = step.get('run')
            if run is None:
                continue
            if '${{' in run:
                errors.append(f'{where}: `${{{{ }}}}` inside run: pass the value through env: instead')
            shell = step.get('shell') or shell_of(job, wf)
            if shell.split()[0] not in ('bash', 'sh'):
                continue
            name = f'{os.path.basename(path)}__{job_id}__{i + 1}.sh'
            with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
                f.write(f'#!/usr/bin/env {shell.split()[0]}\n# {where}\n')
                f.write(expr.sub('GITHUB_EXPRESSION', run))
                f.write('\n')

for e in errors:
    print(f'::error::{e}')
sys.exit(1 if errors else 0)
PY

mapfile -t scripts < <(find .github/scripts -name '*.sh' | sort)
echo "lint-workflows: $(find "$steps" -name '*.sh' | wc -l) run steps from $(find .github/workflows -name '*.yml' | wc -l) workflows, ${#scripts[@]} scripts"
lint=0
shellcheck -x "$steps"/*.sh "${scripts[@]}" .ci/run || lint=1
if [ "$policy" -ne 0 ] || [ "$lint" -ne 0 ]; then
  echo "lint-workflows: FAILED" >&2
  exit 1
fi
echo "lint-workflows: ok"
