"""Journeys: self-referral, new referrals, people and their timelines, peer supporters, import."""

from django.urls import path

from thrive.journeys.views import care, changes, imports, peers, people, records, referrals

app_name = "journeys"

urlpatterns = [
    path("refer/", referrals.refer, name="refer"),
    path("refer/thanks/", referrals.referral_thanks, name="referral_thanks"),
    path("referrals/", referrals.referrals, name="referrals"),
    path("referrals/<int:pk>/match/", referrals.match, name="match_referral"),
    path("referrals/settings/", referrals.service_settings, name="service_settings"),
    path("people/", people.people, name="people"),
    path("people/mine/", people.my_people, name="my_people"),
    path("people/import/", imports.import_records, name="import_records"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/details/", care.edit_person, name="edit_person"),
    path("people/<int:pk>/supporters/", care.change_supporters, name="change_supporters"),
    path("people/<int:pk>/add/<slug:kind>/", people.add_entry, name="add_entry"),
    path(
        "people/<int:pk>/correct/<slug:kind>/<int:entry_pk>/",
        people.edit_entry,
        name="edit_entry",
    ),
    path(
        "people/<int:pk>/remove/<slug:kind>/<int:entry_pk>/",
        changes.entry_remove,
        name="remove_entry",
    ),
    path("people/<int:pk>/end/", people.end_journey, name="end_journey"),
    path("people/<int:pk>/pause/", changes.pause_journey, name="pause_journey"),
    path("people/<int:pk>/resume/", changes.resume_journey, name="resume_journey"),
    path("people/<int:pk>/goals/<int:goal_pk>/reached/", changes.goal_reached, name="goal_reached"),
    path(
        "people/<int:pk>/goals/<int:goal_pk>/set-aside/",
        changes.goal_set_aside,
        name="goal_set_aside",
    ),
    path("people/<int:pk>/goals/<int:goal_pk>/pick-up/", changes.goal_pick_up, name="goal_pick_up"),
    path("people/<int:pk>/start-again/", people.start_again, name="start_again"),
    path("people/<int:pk>/work-at-joining/", people.work_at_joining, name="work_at_joining"),
    path("people/<int:pk>/copy/", records.export_html, name="person_copy"),
    path("people/<int:pk>/copy.json", records.export_json, name="person_copy_json"),
    path("people/<int:pk>/erase/", records.erase, name="erase_person"),
    path("people/<int:pk>/erasure-request/", records.erasure_request, name="erasure_request"),
    path("people/erasure-requests/", records.erasure_requests, name="erasure_requests"),
    path("peer-supporters/", peers.peer_supporters, name="peer_supporters"),
    path("peer-supporters/<int:pk>/", peers.peer_supporter, name="peer_supporter"),
    path(
        "peer-supporters/<int:pk>/add/<slug:kind>/",
        peers.add_peer_record,
        name="add_peer_record",
    ),
    path("peer-supporters/<int:pk>/own-journey/", peers.link_own_record, name="link_own_record"),
]
