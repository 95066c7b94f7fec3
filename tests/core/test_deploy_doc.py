"""Every periodic command is scheduled in docs/deploy.md: a command nobody schedules never runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Commands an operator runs by hand (installation, imports, maintenance), not on a timer.
ONE_OFF = {
    "build_commune_coordinates",
    "build_map_outline",
    "load_territories",
    "load_demo",
    "demo_logins",
    "search_reindex",
    "aids_import",
}


def test_every_periodic_command_is_in_the_cron_block():
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    cron = "\n".join(re.findall(r"```cron\n(.*?)```", doc, flags=re.S))
    scheduled = set(re.findall(r"manage\.py (\w+)", cron))
    commands = {path.stem for path in ROOT.glob("apps/*/management/commands/*.py") if path.stem != "__init__"}
    missing = sorted(commands - ONE_OFF - scheduled)
    assert not missing, f"Commandes périodiques absentes du bloc cron de docs/deploy.md : {missing}"
    assert "prune_db_task_results" in scheduled
