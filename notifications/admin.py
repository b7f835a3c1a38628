"""What was sent to whom and when, for support: never the bodies. The worker's heartbeat and
how much waits are on the message list."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.models import Heartbeat, Message, Preference, State
from notifications.tasks import deliver_soon, worker_status


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "person",
        "kind",
        "reason",
        "state",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["state", "kind"]
    search_fields = ["person__last_name", "person__first_name", "key"]
    list_select_related = ["person"]
    date_hierarchy = "created_at"
    # Who, what, why and when: the subject and bodies are the recipient's to read, not ours.
    fields = [
        "person",
        "kind",
        "reason",
        "key",
        "message_id",
        "due_at",
        "state",
        "attempts",
        "next_attempt_at",
        "last_error",
        "lease_owner",
        "lease_until",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    @admin.action(description="Send the selected failed messages again")
    def send_again(self, request, queryset) -> None:
        """After the relay is fixed: failed rows wait again, tried at the next delivery."""
        count = queryset.filter(state=State.FAILED).update(
            state=State.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
        )
        deliver_soon()
        self.message_user(request, f"{count} failed messages will be sent again.")

    def has_add_permission(self, request) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            **worker_status(),
            "messages_waiting": Message.objects.filter(state=State.QUEUED).count(),
            "messages_failed": Message.objects.filter(state=State.FAILED).count(),
            "jobs_waiting": DBTaskResult.objects.ready().count(),
        }
        return super().changelist_view(request, extra_context)


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "choice", "updated_at"]
    list_filter = ["kind", "choice"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "seen_at"]
