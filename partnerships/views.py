from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alliance.permissions import can_view_partnership
from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership


def get_partnership_for_user(request: HttpRequest, slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership.objects.select_related("lead_school"), slug=slug)
    if not can_view_partnership(request.user, partnership):
        raise Http404("No such partnership.")
    return partnership


@require_GET
def partnership_list(request: HttpRequest) -> HttpResponse:
    partnerships = Partnership.objects.visible_to(request.user).select_related("parent")
    return render(request, "partnerships/list.html", {"partnerships": partnerships})


@require_GET
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_user(request, slug)
    memberships = (
        Membership.objects.current()
        .filter(partnership=partnership)
        .select_related("school", "coordinator")
    )
    context = {
        "partnership": partnership,
        "memberships": memberships,
        "children": partnership.children.visible_to(request.user),
        "groups": partnership.network_groups.select_related("chair"),
        "events": Event.objects.visible_to(request.user)
        .filter(partnership=partnership)
        .upcoming()
        .select_related("host_school")[:10],
    }
    return render(request, "partnerships/detail.html", context)


@require_GET
def group_detail(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    partnership = get_partnership_for_user(request, slug)
    group = get_object_or_404(
        NetworkGroup.objects.select_related("chair", "partnership", "reports_to"),
        partnership=partnership,
        slug=group_slug,
    )
    context = {
        "partnership": partnership,
        "group": group,
        "members": group.members.select_related("school") if request.user.is_authenticated else [],
        "events": Event.objects.visible_to(request.user)
        .filter(network_group=group)
        .upcoming()
        .select_related("host_school")[:10],
    }
    return render(request, "partnerships/group.html", context)
