"""Check data/profile.yaml, which says who publishes the site."""

from __future__ import annotations

from ...core.problems import Problem

FILE = "data/profile.yaml"
REQUIRED = ("body_name", "short_name", "police_area", "commissioner", "funder_identifier", "contact_email")
POLICY_KEYS = ("general_min_percent", "general_max_percent", "total_min_percent")


def check(profile: dict) -> list[Problem]:
    if not profile:
        return []
    found = [
        Problem(FILE, None, key, "is missing or empty", "every site needs it")
        for key in REQUIRED
        if not str(profile.get(key) or "").strip()
    ]
    email = str(profile.get("contact_email") or "")
    if email and "@" not in email:
        found.append(Problem(FILE, None, "contact_email", f'"{email}" is not an email address'))
    nation = profile.get("nation")
    if nation is not None and str(nation).strip() not in ("England", "Wales"):
        found.append(
            Problem(
                FILE,
                None,
                "nation",
                f'"{nation}" is not England or Wales',
                "write Wales for a body in Wales (the Procurement Act's Welsh dates apply), or leave it out for England",
            )
        )
    found += _languages(profile.get("languages"))
    found += _timetable(profile.get("publication_timetable"))
    policy = profile.get("reserves_policy")
    if policy is not None:
        if not isinstance(policy, dict):
            found.append(Problem(FILE, None, "reserves_policy", "should list " + ", ".join(POLICY_KEYS)))
        else:
            for key, value in policy.items():  # unknown keys: see keys.py
                if key in POLICY_KEYS and (not isinstance(value, (int, float)) or isinstance(value, bool)):
                    found.append(Problem(FILE, None, f"reserves_policy.{key}", f'"{value}" is not a number'))
    return found


def _languages(languages: object) -> list[Problem]:
    """The languages the site is published in: English, and Welsh (cy) for a body in Wales."""
    from ...core.i18n import NAMES

    if languages is None:
        return []
    codes = ", ".join(NAMES)
    if not isinstance(languages, list) or not languages:
        return [
            Problem(
                FILE, None, "languages", "should be a list of language codes", f"e.g. [en, cy]; the codes are {codes}"
            )
        ]
    found = [
        Problem(
            FILE,
            None,
            "languages",
            f'"{code}" is not a language this site can be published in',
            f"the codes are {codes}",
        )
        for code in languages
        if str(code) not in NAMES
    ]
    if "en" not in [str(code) for code in languages]:
        found.append(
            Problem(
                FILE, None, "languages", "does not include en", "every site is published in English: write [en, cy]"
            )
        )
    return found


def _timetable(timetable: object) -> list[Problem]:
    """The OPCC's own publication timetable: duty id -> frequency."""
    from ...law.duties import FREQUENCIES, load_register

    if timetable is None:
        return []
    if not isinstance(timetable, dict):
        return [Problem(FILE, None, "publication_timetable", "should be a list of duty: frequency lines")]
    known = {d.id for d in load_register()}
    found = []
    for key, value in timetable.items():
        if key not in known:
            found.append(
                Problem(
                    FILE,
                    None,
                    f"publication_timetable.{key}",
                    "is not a known duty",
                    "the duties are " + ", ".join(sorted(known)),
                )
            )
        elif value not in FREQUENCIES:
            found.append(
                Problem(
                    FILE,
                    None,
                    f"publication_timetable.{key}",
                    f'"{value}" is not a frequency',
                    "use one of: " + ", ".join(FREQUENCIES),
                )
            )
    return found
