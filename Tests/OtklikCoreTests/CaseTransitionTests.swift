import Foundation
import OtklikCore
import Testing

/// The case state machine as a pure function: every action on every status is allowed or refused as the table below
/// says (the refusal names its field), and an allowed one yields the case after it, its history line, the webhook
/// type and the notification it calls for.
@Suite struct CaseTransitionTests {
    static let opened = Date(timeIntervalSince1970: 1_780_000_000)
    static let now = opened.addingTimeInterval(3_600)
    static let due = opened.addingTimeInterval(86_400)
    static let escalation = CaseTransition.Inputs(escalation: .init(level: 1, owner: "MGR", text: "level 1 (manager): MGR"))

    static func item(_ status: CaseStatus, owner: String? = "S1") -> FeedbackCase {
        var item = FeedbackCase(
            id: "cas_1", feedbackId: "f1", location: "L1", staff: "S1", owner: owner, status: status, openedAt: opened, dueAt: due)
        if status == .resolved || status == .closed { (item.resolvedAt, item.resolutionCode) = (opened.addingTimeInterval(600), "fixed") }
        if status == .waitingForCustomer { item.pausedAt = opened.addingTimeInterval(300) }
        return item
    }

    static func outcome(_ action: CaseAction, _ status: CaseStatus, actor: String = "M1", inputs: CaseTransition.Inputs = escalation) -> Result<CaseTransition.Outcome, OtklikError> {
        Result { () throws(OtklikError) in try CaseTransition.apply(action, to: item(status), actor: actor, now: now, inputs: inputs) }
    }

    /// `setStatus` from each status (rows) to each (columns: new, in progress, waiting, resolved, closed).
    static let statusTable: [CaseStatus: [Bool]] = [
        .new: [false, true, true, false, false],
        .inProgress: [true, false, true, false, false],
        .waitingForCustomer: [true, true, false, false, false],
        .resolved: [false, false, false, false, true],
        .closed: [false, false, false, false, false],
    ]

    @Test func setStatusFollowsTheTable() {
        for from in CaseStatus.allCases {
            for (index, to) in CaseStatus.allCases.enumerated() {
                let allowed = Self.statusTable[from]![index]
                switch Self.outcome(.setStatus(to), from) {
                case .success(let outcome):
                    #expect(allowed, "\(from) → \(to) must be refused")
                    #expect(outcome.after.status == to && outcome.event.kind == .status && outcome.event.text == to.rawValue)
                case .failure(let error):
                    #expect(!allowed, "\(from) → \(to) must be allowed: \(error.message)")
                    #expect(error.field == "status")
                }
            }
        }
    }

    /// Every other action on every status: allowed (true) or refused (false).
    @Test func everyActionOnEveryStatus() {
        let open: Set<CaseStatus> = [.new, .inProgress, .waitingForCustomer]
        let actions: [(String, CaseAction, (CaseStatus) -> Bool)] = [
            ("assign", .assign(owner: "M2"), { _ in true }),
            ("comment", .comment("Перезвонили"), { _ in true }),
            ("note", .note("Внутренняя заметка"), { _ in true }),
            ("follow-up", .recordFollowUp(.calledBack, note: nil), { _ in true }),
            ("not reached", .recordFollowUp(.notReached, note: "занято"), { _ in true }),
            ("priority", .setPriority(.urgent), { _ in true }),
            ("resolve", .resolve(code: "fixed", note: nil), { open.contains($0) }),
            ("escalate", .escalate(reason: "долго"), { open.contains($0) }),
            ("reopen", .reopen(reason: "клиент недоволен"), { !open.contains($0) }),
        ]
        for (name, action, allowed) in actions {
            for status in CaseStatus.allCases {
                switch Self.outcome(action, status) {
                case .success: #expect(allowed(status), "\(name) on \(status) must be refused")
                case .failure(let error): #expect(!allowed(status), "\(name) on \(status) must be allowed: \(error.message)")
                }
            }
        }
    }

    @Test func badInputIsRefusedWithItsField() {
        let cases: [(CaseAction, String)] = [
            (.comment("   "), "text"), (.note(""), "text"), (.resolve(code: "magic", note: nil), "resolution_code"),
            (.resolve(code: "fixed", note: String(repeating: "x", count: 5_001)), "text"), (.setPriority(.normal), "priority"),
            (.setStatus(.resolved), "status"), (.assign(owner: ""), "owner"),
        ]
        for (action, field) in cases {
            guard case .failure(let error) = Self.outcome(action, .inProgress) else {
                Issue.record("\(action) must be refused")
                continue
            }
            #expect(error.field == field, "\(action)")
        }
        var top = Self.item(.inProgress)
        top.escalationLevel = FeedbackCase.escalationRoles.count - 1
        #expect(throws: OtklikError.self) { try CaseTransition.apply(.escalate(reason: nil), to: top, actor: "M1", now: Self.now, inputs: Self.escalation) }
        #expect(throws: OtklikError.self, "an escalation needs its step") {
            try CaseTransition.apply(.escalate(reason: nil), to: Self.item(.new), actor: "M1", now: Self.now)
        }
    }

    @Test func assigningStartsWorkAndTellsOnlyANewOwner() throws {
        let assigned = try CaseTransition.apply(.assign(owner: "M2"), to: Self.item(.new), actor: "M1", now: Self.now)
        #expect(assigned.after.status == .inProgress && assigned.after.owner == "M2")
        #expect(assigned.event == CaseEvent(caseId: "cas_1", at: Self.now, actor: "M1", kind: .assigned, text: "M2"))
        #expect(assigned.notice == .init(kind: .caseAssigned, recipient: "M2", detail: "L1") && assigned.webhookType == "case.updated")
        #expect(assigned.after.firstResponseAt == nil, "triage is not a first response")
        let same = try CaseTransition.apply(.assign(owner: "S1"), to: Self.item(.inProgress), actor: "M1", now: Self.now)
        #expect(same.notice == nil, "nobody is told about no change")
    }

    @Test func escalationTakesTheGivenStepAndTellsTheNewOwner() throws {
        let escalated = try CaseTransition.apply(.escalate(reason: "долго"), to: Self.item(.inProgress), actor: "M1", now: Self.now, inputs: Self.escalation)
        #expect(escalated.after.escalationLevel == 1 && escalated.after.owner == "MGR" && escalated.webhookType == "case.escalated")
        #expect(escalated.notice == .init(kind: .caseEscalated, recipient: "MGR", detail: "level 1 (manager): MGR"))
        let nobody = CaseTransition.Inputs(escalation: .init(level: 1, owner: "S1", text: "level 1 (manager): no manager on record, owner unchanged"))
        let kept = try CaseTransition.apply(.escalate(reason: nil), to: Self.item(.inProgress), actor: "M1", now: Self.now, inputs: nobody)
        #expect(kept.after.owner == "S1" && kept.notice == nil)
    }

    @Test func theSLAClockFirstResponsePauseAndResume() throws {
        let comment = try CaseTransition.apply(.comment("Ответили"), to: Self.item(.inProgress), actor: "M1", now: Self.now)
        #expect(comment.after.firstResponseAt == Self.now)
        let system = try CaseTransition.apply(.comment("Напоминание"), to: Self.item(.inProgress), actor: "otklik", now: Self.now)
        #expect(system.after.firstResponseAt == nil, "the system's own actions are not a response")
        let note = try CaseTransition.apply(.note("Заметка"), to: Self.item(.inProgress), actor: "M1", now: Self.now)
        #expect(note.after.firstResponseAt == nil && note.notice == nil)
        let waiting = try CaseTransition.apply(.setStatus(.waitingForCustomer), to: Self.item(.inProgress), actor: "M1", now: Self.now)
        #expect(waiting.after.pausedAt == Self.now && waiting.after.firstResponseAt == Self.now, "asking the customer answers them")
        let later = Self.due.addingTimeInterval(7_200)
        let resumed = try CaseTransition.apply(
            .setStatus(.inProgress), to: Self.item(.waitingForCustomer), actor: "M1", now: Self.now, inputs: .init(resumedDue: later))
        #expect(resumed.after.pausedAt == nil && resumed.after.dueAt == later)
        let resolved = try CaseTransition.apply(
            .resolve(code: "explained", note: "объяснили"), to: Self.item(.waitingForCustomer), actor: "M1", now: Self.now, inputs: .init(resumedDue: later))
        #expect(resolved.after.status == .resolved && resolved.after.resolvedAt == Self.now && resolved.after.dueAt == later)
        #expect(resolved.event.text == "explained: объяснили" && resolved.notice == .init(kind: .caseResolved, recipient: "S1", detail: "explained: объяснили"))
    }

    @Test func reopeningAndPriority() throws {
        var breached = Self.item(.closed)
        (breached.warnedAt, breached.breachedAt) = (Self.opened, Self.due)
        let newDue = Self.now.addingTimeInterval(86_400)
        let reopened = try CaseTransition.apply(.reopen(reason: "не помогло"), to: breached, actor: "M1", now: Self.now, inputs: .init(reopenedDue: newDue))
        #expect(reopened.after.status == .inProgress && reopened.after.resolvedAt == nil && reopened.after.resolutionCode == nil)
        #expect(reopened.after.dueAt == newDue && reopened.after.warnedAt == nil && reopened.after.breachedAt == nil)
        #expect(reopened.event.kind == .reopened && reopened.event.text == "не помогло")
        #expect(try CaseTransition.apply(.setPriority(.high), to: Self.item(.inProgress), actor: "M1", now: Self.now).replan)
        let closed = try CaseTransition.apply(.setPriority(.high), to: Self.item(.closed), actor: "M1", now: Self.now)
        #expect(!closed.replan && closed.after.priority == .high, "a closed case's deadlines are not planned again")
        let followUp = try CaseTransition.apply(.recordFollowUp(.messageSent, note: "смс"), to: Self.item(.new), actor: "M1", now: Self.now)
        #expect(followUp.after.status == .inProgress && followUp.after.calledBackAt == Self.now && followUp.event.kind == .followUp)
        #expect(followUp.event.text == "message_sent: смс")
    }
}
