"""The GitHub workflows (issue 18): valid for GitHub, publishing gated on the tests, the offline copy built
for the published address, a weekly upkeep job, and every action on a version that runs on Node 24."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

# action -> the first major version whose action.yml says `runs: using: node24` (or that is composite and
# only calls node24 actions). Found by reading action.yml at each major tag of the action's repository
# (fetched snapshots, `git show vN:action.yml`), and the release notes where the snapshot was older:
#   actions/checkout            v4 node20, v5 node24 (README "Checkout v5: Updated to the node24 runtime")
#   actions/setup-python        v5 node20, v6 node24 (README "Breaking changes in V6: node20 to node24")
#   actions/setup-node          v4 node20, v5 node24 (README "Breaking changes in V5: ... node24")
#   actions/cache               v4 node20, v5 node24 (README "actions/cache@v5 runs on the Node.js 24
#                               runtime")
#   actions/deploy-pages        v4 node20, v5 node24
#   actions/configure-pages     v5 node20, v6 node24 (v6.0.0 release notes: "upgrade to node 24", PR #186)
#   actions/upload-pages-artifact  composite; v4 calls upload-artifact v4.6.2 (node20), v5 calls
#                               upload-artifact v7.0.0 (node24; node24 by default since upload-artifact v6)
#   actions/github-script       v7 node20, v8 node24
NODE24_FROM = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/setup-node": 5,
    "actions/cache": 5,
    "actions/cache/restore": 5,  # the cache action's own sub-actions: same runtime as the cache version
    "actions/cache/save": 5,
    "actions/deploy-pages": 5,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/github-script": 8,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 6,
}


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key "on" as True
    return data


def steps_of(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses_of(workflow: dict[str, Any]) -> list[str]:
    jobs = workflow["jobs"].values()
    return [step["uses"] for step in steps_of(workflow) if "uses" in step] + [
        job["uses"] for job in jobs if "uses" in job
    ]


def needs_of(job: dict[str, Any]) -> set[str]:
    needs = job.get("needs", [])
    return {needs} if isinstance(needs, str) else set(needs)


def runs_the_tests(job: dict[str, Any]) -> bool:
    """The job runs scripts/test, itself or by calling the Tests workflow."""
    if job.get("uses", "").startswith("./.github/workflows/"):
        called = load(Path(job["uses"]).name)
        return any(runs_the_tests(inner) for inner in called["jobs"].values())
    return any(step.get("run", "").strip() == "scripts/test" for step in job.get("steps", []))


def test_there_are_the_three_workflows() -> None:
    assert {path.name for path in WORKFLOWS} >= {"test.yml", "publish.yml", "upkeep.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_workflow_validates_against_the_github_schema(workflow: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_needs_the_tests_and_the_build() -> None:
    publish = load("publish.yml")
    jobs = publish["jobs"]
    deploy = next(
        name
        for name, job in jobs.items()
        if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job.get("steps", []))
    )

    def upstream(name: str) -> set[str]:
        found = set()
        for need in needs_of(jobs[name]):
            found |= {need} | upstream(need)
        return found

    before_deploy = upstream(deploy)
    assert any(runs_the_tests(jobs[name]) for name in before_deploy), (
        "deploy must wait for a job that runs scripts/test"
    )
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@")
               for name in before_deploy for step in jobs[name].get("steps", []))
    assert publish["concurrency"]["cancel-in-progress"] is False, (
        "two pushes must queue, not race or cut a deploy"
    )


def test_main_is_published_and_every_build_has_the_whole_history() -> None:
    """Each page's "last updated" date comes from git: a shallow clone would date every page today."""
    publish, test = load("publish.yml"), load("test.yml")
    assert publish["on"]["push"]["branches"] == ["main"]
    for name, steps in (("publish.yml build", publish["jobs"]["build"]["steps"]),
                        ("test.yml test", test["jobs"]["test"]["steps"])):
        checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
        assert checkout.get("with", {}).get("fetch-depth") == 0, f"{name}: checkout without fetch-depth: 0"


def test_the_offline_copy_is_built_with_the_published_address() -> None:
    steps = steps_of(load("publish.yml"))
    site = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    offline = next(step for step in steps if "scripts/build-offline" in step.get("run", ""))
    for name in ("SITE_URL", "REPO_URL"):
        assert offline.get("env", {}).get(name) == site["env"][name], f"build-offline needs the site's {name}"
    assert "steps.pages.outputs.base_url" in site["env"]["SITE_URL"]


def test_pull_requests_get_annotations_and_a_translation_summary() -> None:
    test = load("test.yml")
    assert "pull_request" in test["on"] and "workflow_call" in test["on"]
    runs = [step.get("run", "") for step in steps_of(test)]
    assert "scripts/handbook check --github" in runs
    assert any("translations --markdown" in run and "GITHUB_STEP_SUMMARY" in run for run in runs)
    cached = [
        step["with"]["path"] for step in steps_of(test) if step.get("uses", "").startswith("actions/cache@")
    ]
    for what in ("apt/archives", ".venv", "node_modules"):
        assert any(what in path for path in cached), f"{what} is not cached"


def test_a_weekly_job_reports_reviews_links_and_registry_updates_in_one_issue() -> None:
    upkeep = load("upkeep.yml")
    crons = [entry["cron"] for entry in upkeep["on"]["schedule"]]
    assert crons and all(len(cron.split()) == 5 and cron.split()[4] != "*" for cron in crons), (
        "weekly: a day of the week"
    )
    report = next(step["run"] for step in steps_of(upkeep) if "review --markdown" in step.get("run", ""))
    assert "--links" in report and "--registry" in report
    script = next(step["with"]["script"] for step in steps_of(upkeep)
                  if step.get("uses", "").startswith("actions/github-script@"))
    assert "issues.update" in script and "issues.create" in script
    assert upkeep["permissions"]["issues"] == "write"


def test_property_tests_keep_their_examples_in_ci_and_run_long_every_week() -> None:
    steps = steps_of(load("test.yml"))
    tests = next(index for index, step in enumerate(steps) if step.get("run") == "scripts/test")
    restore = [i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache/restore@")
               and step["with"]["path"] == ".hypothesis"]
    save = [step for step in steps[tests:] if step.get("uses", "").startswith("actions/cache/save@")
            and step["with"]["path"] == ".hypothesis"]
    assert restore and restore[0] < tests, "the example database is restored before the tests"
    assert save and save[0]["if"] == "always()", "the example database is kept when a test fails too"

    job = load("upkeep.yml")["jobs"]["properties"]
    long_run = next(step for step in job["steps"] if "pytest" in step.get("run", ""))
    assert int(long_run["env"]["HANDBOOK_PROPERTY_EXAMPLES"]) >= 200
    assert "github.run_id" in long_run["env"]["HANDBOOK_HYPOTHESIS_SEED"]  # a new seed each week


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_no_action_runs_on_node_20(workflow: Path) -> None:
    data = load(workflow.name)
    for uses in uses_of(data):
        if uses.startswith("./"):
            continue
        action, _, version = uses.partition("@")
        assert action in NODE24_FROM, (
            f"{uses}: add {action} to NODE24_FROM (its first node24 major, and where found)"
        )
        major = re.match(r"v(\d+)", version)
        assert major, f"{uses}: pin a major version (vN or vN.N.N)"
        assert int(major.group(1)) >= NODE24_FROM[action], (
            f"{uses} runs on Node 20: use v{NODE24_FROM[action]}+"
        )
