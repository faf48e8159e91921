"""Member checks: a participant reads their own record behind a private link and answers.

A link is signed for this purpose only and carries the participant and a counter: renewing
bumps the counter, so every older token stops working; revoking closes the link. Every
answer (approve, comment, reword, remove, withdraw) is a response the team decides on: a
change to the transcript is never made until a person accepts it.

Statuses (Participant.member_check) move like this:
- not sent → sent when a link is issued (or renewed);
- sent → opened the first time the link is opened;
- commented when they comment, or ask for a rewording or a removal;
- amended when the team accepts a rewording or a removal (a new transcript version);
- approved when they approve with nothing they asked for still open, or, when something
  was still open, once the team accepts their approval;
- withdrawn when they withdraw (always last: nothing changes it afterwards).
"""

from thrive.inquiry.models import (  # noqa: F401 (the member check's names, in one place)
    LONGEST_DAYS,
    REMOVED,
    LinkClosed,
    MemberCheckLink,
    MemberCheckResponse,
    ResponseKind,
    ResponseState,
    member_check_days,
    set_status,
    status_board,
)
