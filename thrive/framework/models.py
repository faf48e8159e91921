"""A service's own copy of the framework, started from the shipped template."""

from __future__ import annotations

from django.db import models

from thrive.framework.core.template import Framework, default_framework, framework_from_dict


class ServiceFramework(models.Model):
    """The framework a service works with; one row, editable, remembering its template version."""

    content = models.JSONField()
    template_version = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Framework (template version {self.template_version})"

    @property
    def framework(self) -> Framework:
        return framework_from_dict(self.content)

    @classmethod
    def current(cls) -> Framework:
        """The service's framework, created from the template on first use."""
        row = cls.objects.order_by("id").first()
        if row is None:
            template = default_framework()
            row = cls.objects.create(content=template.as_dict(), template_version=template.version)
        return row.framework
