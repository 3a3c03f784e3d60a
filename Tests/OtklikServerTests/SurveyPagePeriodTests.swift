@testable import OtklikServer
import Testing

/// The survey pages' `to` is the last day included (as on every page); the invitation filter's is exclusive.
@Suite struct SurveyPagePeriodTests {
    @Test func aDateToIsTheLastDayIncludedATimeIsKept() {
        let query = SurveyPagePeriod.invitationQuery([
            "from": "2026-11-01", "to": "2026-11-30", "compare_from": "2026-10-01", "compare_to": "2026-10-31", "location": "L01",
        ])
        #expect(query == ["from": "2026-11-01", "to": "2026-12-01", "compare_from": "2026-10-01", "compare_to": "2026-11-01", "location": "L01"])
        #expect(SurveyPagePeriod.invitationQuery(["to": "2026-12-31"])["to"] == "2027-01-01")
        #expect(SurveyPagePeriod.invitationQuery(["to": "2026-11-30T12:00:00Z"])["to"] == "2026-11-30T12:00:00Z", "a moment stays exclusive")
        #expect(SurveyPagePeriod.invitationQuery(["to": "tomorrow"])["to"] == "tomorrow", "left for the filter to refuse, naming `to`")
        #expect(SurveyPagePeriod.invitationQuery([:]).isEmpty)
    }
}
