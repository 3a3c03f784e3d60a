import Foundation
import OtklikCore
import Testing

/// The SLA supervisor's decision and the red-press alerts' notification policy as pure functions.
@Suite struct SupervisionAndAlertPolicyTests {
    static let opened = Date(timeIntervalSince1970: 1_780_000_000)
    static let due = opened.addingTimeInterval(86_400)
    static let warning = opened.addingTimeInterval(64_800)

    static func item(_ status: CaseStatus = .inProgress, level: Int = 0, warned: Date? = nil, breached: Date? = nil) -> FeedbackCase {
        var item = FeedbackCase(id: "cas_1", feedbackId: "f1", location: "L1", staff: "S1", owner: "M1", status: status, openedAt: opened, dueAt: due)
        (item.escalationLevel, item.warnedAt, item.breachedAt) = (level, warned, breached)
        return item
    }

    @Test func theSupervisorWarnsThenBreachesAndEscalatesWhileALevelIsLeft() {
        #expect(CaseSupervision.step(for: Self.item(), now: Self.warning.addingTimeInterval(-1), warningAt: Self.warning) == nil)
        guard case .warn(let warned, let notice)? = CaseSupervision.step(for: Self.item(), now: Self.warning, warningAt: Self.warning) else {
            Issue.record("due a warning at the warning time"); return
        }
        #expect(warned.warnedAt == Self.warning && warned.breachedAt == nil && notice == .init(kind: .caseSLAWarning, recipient: "M1", detail: "L1"))
        #expect(CaseSupervision.step(for: warned, now: Self.due, warningAt: Self.warning) == nil, "warned once; the deadline itself is not past")
        let late = Self.due.addingTimeInterval(1)
        guard case .breach(let breached, let breachNotice, let escalate)? = CaseSupervision.step(for: warned, now: late, warningAt: Self.warning) else {
            Issue.record("breached after the deadline"); return
        }
        #expect(breached.breachedAt == late && breached.warnedAt == Self.warning && escalate && breachNotice.kind == .caseBreached)
        // Never warned (the supervisor was down): the breach counts as the warning too.
        guard case .breach(let direct, _, _)? = CaseSupervision.step(for: Self.item(), now: late, warningAt: Self.warning) else {
            Issue.record("breached"); return
        }
        #expect(direct.warnedAt == late)
        // At the top of the ladder, no escalation; a breached case is left alone; a resolved or paused one is not asked.
        guard case .breach(_, _, let top)? = CaseSupervision.step(
            for: Self.item(level: FeedbackCase.escalationRoles.count - 1), now: late, warningAt: Self.warning) else { Issue.record("breached"); return }
        #expect(!top)
        #expect(CaseSupervision.step(for: Self.item(warned: Self.warning, breached: late), now: late.addingTimeInterval(3_600), warningAt: Self.warning) == nil)
        #expect(CaseSupervision.step(for: Self.item(.resolved), now: late, warningAt: Self.warning) == nil)
        #expect(CaseSupervision.step(for: Self.item(.waitingForCustomer), now: late, warningAt: Self.warning) == nil)
    }

    @Test func aLocationsDutyRoleNarrowsWhoIsToldAndARunTellsEachOncePerLocation() {
        let duty = AlertNotices.duty([
            (code: "D1", role: "duty", location: "L1"), (code: "F1", role: "front office", location: "L1"),
            (code: "F2", role: nil, location: "L2"), (code: "F3", role: "front office", location: "L2"),
        ])
        #expect(duty == ["L1": ["D1"], "L2": ["F2", "F3"]])
        func alert(_ id: String, _ location: String, _ seconds: Double) -> RedPressAlert {
            RedPressAlert(id: id, feedbackId: "f" + id, location: location, staff: nil, event: "negative_press", rating: "negative",
                          openedAt: Self.opened.addingTimeInterval(seconds))
        }
        let notices = AlertNotices.notices(for: [alert("a", "L2", 30), alert("b", "L1", 5), alert("c", "L2", 10), alert("d", "L3", 0)], duty: duty)
        #expect(notices == [
            .init(recipient: "D1", location: "L1", at: Self.opened.addingTimeInterval(5)),
            .init(recipient: "F2", location: "L2", at: Self.opened.addingTimeInterval(10)),
            .init(recipient: "F3", location: "L2", at: Self.opened.addingTimeInterval(10)),
        ], "L3 has no staff: nobody to tell")
        // F2 has not read their last notice about L2: this run tells only F3 there; an unread notice about another
        // location holds nothing back.
        let unread: Set<AlertNotices.Unread> = [.init(recipient: "F2", location: "L2"), .init(recipient: "D1", location: "L9")]
        #expect(AlertNotices.notices(for: [alert("a", "L2", 30), alert("b", "L1", 5)], duty: duty, unread: unread) == [
            .init(recipient: "D1", location: "L1", at: Self.opened.addingTimeInterval(5)),
            .init(recipient: "F3", location: "L2", at: Self.opened.addingTimeInterval(30)),
        ])
    }
}
