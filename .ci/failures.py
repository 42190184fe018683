"""Print the end of what each failed tox environment's failing command wrote.

``.ci/run`` calls this after a failed tox run, with the file of ``tox --result-json``: a
parallel run prints a failed environment's output in the middle of the log, and a CI
report that keeps only the log's end would otherwise lose it (a crash's traceback from
faulthandler, for example).
"""

import json
import sys

LINES = 60


def main(path):
    with open(path, encoding="utf-8") as stream:
        report = json.load(stream)
    for name, env in sorted(report.get("testenvs", {}).items()):
        result = env.get("result") or {}
        if result.get("success", True):
            continue
        print("CI: tox environment %s failed (exit code %s)" % (name, result.get("exit_code")))
        for command in env.get("setup", []) + env.get("test", []):
            if str(command.get("retcode")) == "0":
                continue
            print(
                "CI: %s: %s exited with %s" % (name, command.get("run_id"), command.get("retcode"))
            )
            for stream in ("output", "err"):
                tail = (command.get(stream) or "").splitlines()[-LINES:]
                if tail:
                    print("CI: the last %d lines of its %s:" % (len(tail), stream))
                    print("\n".join(tail))


if __name__ == "__main__":
    main(sys.argv[1])
