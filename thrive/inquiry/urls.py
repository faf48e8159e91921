"""Addresses of the inquiry workbench, all under /inquiries/."""

from django.urls import path

from thrive.inquiry import views, views_analysis, views_codes, views_exchange, views_transcripts

app_name = "inquiry"

T = "<int:pk>/transcripts/<int:transcript_pk>/"

urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("new/", views.inquiry_create, name="create"),
    path("import/", views_exchange.project_import, name="project_import"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/settings/", views.inquiry_edit, name="edit"),
    path("<int:pk>/information-sheet/", views.information_sheet, name="information_sheet"),
    path("<int:pk>/guide/", views.guide, name="guide"),
    path("<int:pk>/guide/<int:question_pk>/", views.question_edit, name="question_edit"),
    path("<int:pk>/guide/<int:question_pk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/guide/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/participants/", views.participant_list, name="participants"),
    path("<int:pk>/participants/new/", views.participant_create, name="participant_create"),
    path(
        "<int:pk>/participants/<int:participant_pk>/",
        views.participant_edit,
        name="participant_edit",
    ),
    path("<int:pk>/transcripts/upload/", views_transcripts.transcript_upload, name="upload"),
    path("<int:pk>/transcripts/paste/", views_transcripts.transcript_paste, name="paste"),
    path(T, views_transcripts.transcript_detail, name="transcript"),
    path(T + "edit/", views_transcripts.transcript_edit, name="transcript_edit"),
    path(T + "code/", views_transcripts.coding_add, name="coding_add"),
    path(T + "undo/", views_transcripts.coding_undo, name="coding_undo"),
    path(T + "restore/", views_transcripts.coding_restore, name="coding_restore"),
    path(T + "answers/", views_transcripts.answer_add, name="answer_add"),
    path(
        T + "answers/<int:answer_pk>/delete/",
        views_transcripts.answer_delete,
        name="answer_delete",
    ),
    path(T + "codings/<int:coding_pk>/memo/", views_transcripts.coding_memo, name="coding_memo"),
    path(
        T + "codings/<int:coding_pk>/delete/",
        views_transcripts.coding_delete,
        name="coding_delete",
    ),
    path("<int:pk>/codes/", views_codes.codebook, name="codebook"),
    path("<int:pk>/codes/export/", views_codes.codebook_export, name="codebook_export"),
    path("<int:pk>/codes/import/", views_codes.codebook_import, name="codebook_import"),
    path("<int:pk>/codes/<int:code_pk>/", views_codes.code_edit, name="code_edit"),
    path("<int:pk>/codes/<int:code_pk>/merge/", views_codes.code_merge, name="code_merge"),
    path("<int:pk>/codes/<int:code_pk>/split/", views_codes.code_split, name="code_split"),
    path("<int:pk>/codes/<int:code_pk>/delete/", views_codes.code_delete, name="code_delete"),
    path("<int:pk>/exchange/", views_exchange.exchange_page, name="exchange"),
    path(
        "<int:pk>/exchange/project.qdpx",
        views_exchange.exchange_export,
        {"fmt": "qdpx"},
        name="exchange_qdpx",
    ),
    path(
        "<int:pk>/exchange/codebook.qdc",
        views_exchange.exchange_export,
        {"fmt": "qdc"},
        name="exchange_qdc",
    ),
    path(
        "<int:pk>/exchange/codebook/import/",
        views_exchange.exchange_codebook_import,
        name="exchange_codebook_import",
    ),
    path("<int:pk>/passages/", views_analysis.passages_view, name="passages"),
    path("<int:pk>/search/", views_analysis.search_view, name="search"),
    path("<int:pk>/matrix/", views_analysis.matrix_view, name="matrix"),
    path("<int:pk>/frequencies/", views_analysis.frequencies_view, name="frequencies"),
    path("<int:pk>/co-occurrence/", views_analysis.cooccurrence_view, name="cooccurrence"),
]
