import Foundation
import OtklikCore
import Testing

/// The pure decisions of notification and rule-based escalation, by hand cases: who is told, who gets an e-mail, and
/// which escalation rule sends a case up.
@Suite struct NotificationAndEscalationPolicyTests {
    let at = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func nobodyIsToldAboutWhatTheyDidThemselves() {
        #expect(!NotificationPolicy.tells("m1", actorStaff: "m1"), "resolving one's own case")
        #expect(NotificationPolicy.tells("m1", actorStaff: "m2"))
        #expect(NotificationPolicy.tells("m1", actorStaff: nil), "an actor with no staff member (an API key, an administrator)")
        #expect(NotificationPolicy.tells(nil, actorStaff: "m1"), "a notice for the administrators is always written")
        #expect(!NotificationPolicy.tellsEscalation(owner: "m1", previousOwner: "m1"), "the case stayed with its owner")
        #expect(NotificationPolicy.tellsEscalation(owner: "rm1", previousOwner: "m1"))
        #expect(NotificationPolicy.tellsEscalation(owner: "rm1", previousOwner: nil))
    }

    @Test func eachAddresseeWithAnAddressGetsAnEMailOfAMailedKindOnly() {
        let notices = [
            NotificationPolicy.Notice(recipient: "m2", caseId: "c1", at: at), NotificationPolicy.Notice(recipient: nil, caseId: "c2", at: at),
            NotificationPolicy.Notice(recipient: "m1", caseId: "c3", at: at), NotificationPolicy.Notice(recipient: "m3", caseId: "c4", at: at),
            NotificationPolicy.Notice(recipient: "m2", caseId: "c5", at: at),
        ]
        #expect(NotificationPolicy.addressees(.caseOpened, notices) == ["m1", "m2", "m3"], "each once, in order")
        #expect(NotificationPolicy.addressees(.alertOpened, notices) == [], "a red-press alert is not mailed")
        let addresses = ["m1": "m1@example.ru", "m2": "m2@example.ru", "m3": ""]
        let mails = NotificationPolicy.mails(.caseOpened, notices, addresses: addresses)
        #expect(mails.map(\.notice) == [0, 2, 4], "no recipient, an empty address: no e-mail")
        #expect(mails.map(\.address) == ["m2@example.ru", "m1@example.ru", "m2@example.ru"])
        #expect(NotificationPolicy.mails(.alertOpened, notices, addresses: addresses).isEmpty)
    }

    @Test func theFirstMatchingRuleRaisesAnOpenCaseOrNothingDoes() {
        var item = FeedbackCase(
            id: "case-1", feedbackId: "f1", location: "msk-01", staff: nil, owner: "m1", status: .new, openedAt: at, dueAt: at.addingTimeInterval(86400))
        item.priority = .normal
        let rules = [
            EscalationRule(name: "rude staff in Moscow", location: "msk-01", reason: "rude", escalateTo: "regional_manager"),
            EscalationRule(name: "very unhappy", csatAtMost: 1, escalateTo: "cx_director"),
            EscalationRule(name: "urgent", priority: .urgent, escalateTo: "manager"),
        ]
        #expect(EscalationRule.raising(item, reasons: ["rude"], csat: 1, in: rules)?.name == "rude staff in Moscow", "the first match, not the highest")
        #expect(EscalationRule.raising(item, reasons: ["queue"], csat: 1, in: rules)?.name == "very unhappy")
        #expect(EscalationRule.raising(item, reasons: ["queue"], csat: nil, in: rules) == nil, "no CSAT never matches a CSAT rule")
        #expect(EscalationRule.raising(item, reasons: ["queue"], csat: 2, in: rules) == nil)
        item.escalationLevel = 2
        #expect(EscalationRule.raising(item, reasons: ["rude"], csat: 1, in: rules) == nil, "the first match would not raise it: the later one is not tried")
        item.escalationLevel = 0
        item.priority = .urgent
        #expect(EscalationRule.raising(item, reasons: [], csat: nil, in: rules)?.name == "urgent")
        item.status = .resolved
        #expect(EscalationRule.raising(item, reasons: ["rude"], csat: 1, in: rules) == nil, "a closed case stays")
    }
}
