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
