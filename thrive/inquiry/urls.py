"""Addresses of the inquiry workbench, all under /inquiries/."""

from django.urls import path

from thrive.inquiry.views import (
    agreement,
    analysis,
    case_summaries,
    codes,
    exchange,
    inquiries,
    meaning,
    member_checks,
    suggestions,
    themes,
    transcripts,
    withdrawal,
)

app_name = "inquiry"

T = "<int:pk>/transcripts/<int:transcript_pk>/"

urlpatterns = [
    path("", inquiries.inquiry_list, name="list"),
    path("new/", inquiries.inquiry_create, name="create"),
    path("import/", exchange.project_import, name="project_import"),
    path("<int:pk>/", inquiries.inquiry_detail, name="detail"),
    path("<int:pk>/settings/", inquiries.inquiry_edit, name="edit"),
    path("<int:pk>/information-sheet/", inquiries.information_sheet, name="information_sheet"),
    path("<int:pk>/guide/", inquiries.guide, name="guide"),
    path("<int:pk>/guide/<int:question_pk>/", inquiries.question_edit, name="question_edit"),
    path("<int:pk>/guide/<int:question_pk>/move/", inquiries.question_move, name="question_move"),
    path(
        "<int:pk>/guide/<int:question_pk>/delete/",
        inquiries.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/participants/", inquiries.participant_list, name="participants"),
    path("<int:pk>/participants/new/", inquiries.participant_create, name="participant_create"),
    path(
        "<int:pk>/participants/<int:participant_pk>/",
        inquiries.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/withdraw/",
        withdrawal.participant_withdraw,
        name="participant_withdraw",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/erase/",
        withdrawal.participant_erase,
        name="participant_erase",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/member-check/",
        member_checks.member_check_view,
        name="member_check",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/member-check/copy.pdf",
        member_checks.member_check_copy,
        name="member_check_copy",
    ),
    path("<int:pk>/member-checks/", member_checks.member_check_tasks, name="member_check_tasks"),
    path("<int:pk>/case-summaries/", case_summaries.case_summaries, name="case_summaries"),
    path(
        "<int:pk>/participants/<int:participant_pk>/summary/",
        case_summaries.case_summary,
        name="case_summary",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/summary/history/",
        case_summaries.case_summary_history,
        name="case_summary_history",
    ),
    path("<int:pk>/transcripts/upload/", transcripts.transcript_upload, name="upload"),
    path("<int:pk>/transcripts/paste/", transcripts.transcript_paste, name="paste"),
    path(T, transcripts.transcript_detail, name="transcript"),
    path(T + "edit/", transcripts.transcript_edit, name="transcript_edit"),
    path(T + "like/", meaning.passages_like_view, name="passages_like"),
    path(T + "code/", transcripts.coding_add, name="coding_add"),
    path(T + "undo/", transcripts.coding_undo, name="coding_undo"),
    path(T + "restore/", transcripts.coding_restore, name="coding_restore"),
    path(T + "blind/", transcripts.blind_coding, name="blind_coding"),
    path(T + "suggestions/", suggestions.suggestions_view, name="suggestions"),
    path(T + "suggestions/decide/", suggestions.suggestion_decide, name="suggestion_decide"),
    path(
        "<int:pk>/suggestions/prepare/", suggestions.suggestions_prepare, name="suggestions_prepare"
    ),
    path(T + "answers/", transcripts.answer_add, name="answer_add"),
    path(
        T + "answers/<int:answer_pk>/delete/",
        transcripts.answer_delete,
        name="answer_delete",
    ),
    path(T + "codings/<int:coding_pk>/memo/", transcripts.coding_memo, name="coding_memo"),
    path(
        T + "codings/<int:coding_pk>/delete/",
        transcripts.coding_delete,
        name="coding_delete",
    ),
    path("<int:pk>/codes/", codes.codebook, name="codebook"),
    path("<int:pk>/codes/export/", codes.codebook_export, name="codebook_export"),
    path("<int:pk>/codes/import/", codes.codebook_import, name="codebook_import"),
    path("<int:pk>/codes/<int:code_pk>/", codes.code_edit, name="code_edit"),
    path("<int:pk>/codes/<int:code_pk>/merge/", codes.code_merge, name="code_merge"),
    path("<int:pk>/codes/<int:code_pk>/split/", codes.code_split, name="code_split"),
    path("<int:pk>/codes/<int:code_pk>/delete/", codes.code_delete, name="code_delete"),
    path("<int:pk>/themes/", themes.themes, name="themes"),
    path("<int:pk>/themes/<int:theme_pk>/", themes.theme_edit, name="theme_edit"),
    path("<int:pk>/exchange/", exchange.exchange_page, name="exchange"),
    path(
        "<int:pk>/exchange/project.qdpx",
        exchange.exchange_export,
        {"fmt": "qdpx"},
        name="exchange_qdpx",
    ),
    path(
        "<int:pk>/exchange/codebook.qdc",
        exchange.exchange_export,
        {"fmt": "qdc"},
        name="exchange_qdc",
    ),
    path(
        "<int:pk>/exchange/codebook/import/",
        exchange.exchange_codebook_import,
        name="exchange_codebook_import",
    ),
    path("<int:pk>/passages/", analysis.passages_view, name="passages"),
    path("<int:pk>/search/", analysis.search_view, name="search"),
    path("<int:pk>/search/prepare/", meaning.prepare_view, name="search_prepare"),
    path("<int:pk>/matrix/", analysis.matrix_view, name="matrix"),
    path("<int:pk>/frequencies/", analysis.frequencies_view, name="frequencies"),
    path("<int:pk>/co-occurrence/", analysis.cooccurrence_view, name="cooccurrence"),
    path("<int:pk>/agreement/", agreement.agreement_view, name="agreement"),
    path("<int:pk>/agreement/settle/", agreement.settle_view, name="agreement_settle"),
]
