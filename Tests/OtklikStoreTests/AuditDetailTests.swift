import Foundation
import OtklikCore
@testable import OtklikStore
import Testing

/// Issue 21 item 4: an audit entry's detail as data (``AuditDetail``). Every kind's JSON reads back; its English
/// sentence is exactly what the writers stored before migration 0059 (the sentences below are copied from the code
/// they replaced), and such a sentence parses back to the same facts; a detail in none of the fixed forms is not guessed.
@Suite struct AuditDetailTests {
    /// (action, facts, the sentence the old writers stored for them).
    static let kinds: [(String, AuditDetail, String)] = [
        ("view", .customerList, "list"),
        ("view", .reviewQueue, "review queue"),
        ("view", .section("value"), "value"),
        ("search", .search(parameters: ["phone", "q"]), "by phone,q"),
        ("export", .exportFile("c1 data.json"), "to file c1 data.json"),
        ("erase", .erased(customers: ["c1", "c2"]), "customers c1,c2"),
        ("merge", .merged(merge: "m1", absorbed: "c2", review: nil), "merge m1 absorbed c2"),
        ("merge", .merged(merge: "m1", absorbed: "c2", review: "r9"), "merge m1 absorbed c2 (review r9)"),
        ("unmerge", .unmerged(merge: "m1", restored: "c2"), "merge m1 restored c2"),
        ("review", .keptApart(review: "r9"), "review r9 kept apart"),
        ("import", .customersImported(rows: 3, created: 2), "customers: 3 rows, 2 created"),
        ("import", .consentsImported(count: 4), "consents: 4"),
        ("retention", .retention(removed: ["comments": 5, "audit": 1]), "audit=1 comments=5"),
        ("role", .roleChanged(from: AuditRoleGrant(role: "viewer", scope: "organisation"), to: AuditRoleGrant(role: "location_manager", scope: "locations", codes: ["L02"])),
         "viewer over organisation → location_manager over locations L02"),
        ("role", .roleChanged(from: nil, to: AuditRoleGrant(role: "regional_manager", scope: "regions", codes: ["R1", "R2"])),
         "- → regional_manager over regions R1,R2"),
        ("view", .atRiskList, "at-risk list"),
    ]

    @Test func everyKindReadsBackFromItsJSONAndFromItsOldSentence() {
        for (action, facts, sentence) in Self.kinds {
            #expect(facts.sentence == sentence, "\(facts.kind)")
            #expect(AuditDetail.decode(json: facts.json) == facts, "\(facts.json)")
            #expect(AuditDetail.parse(action: action, detail: sentence) == facts, "\(action): \(sentence)")
        }
        #expect(Set(Self.kinds.map(\.1.kind)).count == 14, "every kind is here")
        #expect(AuditDetail.merged(merge: "m1", absorbed: "c2", review: nil).json == #"{"absorbed":"c2","kind":"merged","merge":"m1","review":null}"#)
    }

    @Test func theRoleEntryIsTheGrantBeforeAndAfter() {
        let user = User(username: "vera", passwordHash: "x", role: .viewer, scope: .organisation)
        let entry = UserRoleAudit.entry(actor: "cli", username: "vera", before: user, role: .locationManager, scope: .locations(["L02", "L01"]))
        #expect(entry.detail == "viewer over organisation → location_manager over locations L01,L02", "the API's words as before 0059")
        #expect(entry.facts == .roleChanged(
            from: AuditRoleGrant(role: "viewer", scope: "organisation"), to: AuditRoleGrant(role: "location_manager", scope: "locations", codes: ["L01", "L02"])))
    }

    @Test func aDetailInNoneOfTheFormsIsNotGuessed() {
        for (action, detail) in [
            ("merge", "merge m 1 absorbed c2"), ("merge", "merge m1 absorbed c2 (review r9"), ("search", "by "), ("search", "by q,,phone"),
            ("erase", "customer c1"), ("import", "customers: many rows, 2 created"), ("retention", "audit=one"), ("role", "viewer → admin"),
            ("role", "viewer over galaxy → administrator over organisation"), ("view", "timeline of c1"), ("peek", "list"), ("view", ""),
            ("unmerge", "merge m1 absorbed c2"),
        ] {
            #expect(AuditDetail.parse(action: action, detail: detail) == nil, "\(action): \(detail)")
        }
        #expect(AuditDetail.parse(action: "view", detail: nil) == nil)
        #expect(AuditDetail.decode(json: #"{"kind":"teleported","to":"moon"}"#) == nil, "a kind this version does not know")
        #expect(AuditDetail.decode(json: #"{"kind":"merged","merge":"m1"}"#) == nil, "a field missing")
    }
}
