from django import template

register = template.Library()


@register.filter
def territorial_summary(task) -> str:
    """The district-level units of a task in the plan's own words where it used a group phrase."""
    parts: list[str] = []
    for duty in task.responsibilities.all():
        if duty.role != "territorial":
            continue
        label = duty.via_group or duty.org.name
        if label not in parts:
            parts.append(label)
    return "、".join(parts)


@register.filter
def role_badge(role: str) -> str:
    return {"lead": "牵头", "co": "配合", "territorial": "属地"}.get(role, role)


@register.filter
def unit_chips(task) -> list[dict]:
    """Lead and co-operating units as the table shows them: a unit named through a group phrase
    (市直各单位, 委员会及成员单位) is shown once as that phrase instead of dozens of names."""
    chips: list[dict] = []
    phrases: set[str] = set()
    for duty in task.responsibilities.all():
        if duty.role == "territorial":
            continue
        if duty.via_group and duty.role == "co":
            if duty.via_group not in phrases:
                phrases.add(duty.via_group)
                chips.append({"label": duty.via_group, "code": None, "lead": False})
            continue
        chips.append({"label": duty.org.name, "code": duty.org.code, "lead": duty.role == "lead"})
    return sorted(chips, key=lambda c: not c["lead"])
