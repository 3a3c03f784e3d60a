import Foundation
import OtklikCore
import Testing

/// The import's count of the customers on a phone (``PhoneSuperNodes``) against ``IdentityClustering``'s decision:
/// five anchored groups make a super-node, records joined by a strong identity count once, a stored anchored owner
/// counts, and on the generated population the two find the same super-node phones with the same counts.
@Suite struct PhoneSuperNodesTests {
    static func id(_ kind: IdentityKind, _ value: String) -> CustomerIdentity { CustomerIdentity(kind: kind, value: value) }
    static let office = id(.phone, "+74951234567")

    @Test func fiveAnchoredGroupsMakeASuperNodeAndFourDoNot() {
        let five = (0..<5).map { [Self.office, Self.id(.email, "p\($0)@mail.ru")] } + [[Self.office]]
        #expect(PhoneSuperNodes().find(five, owners: [:], anchored: []) == [Self.office: 5], "the phone-only record is not anchored")
        #expect(IdentityClustering().resolve(five).superNodes == [Self.office: 5])
        // Records 3 and 4 are one person (joined by a card on a third record): four groups.
        var four = five
        four.append([Self.id(.loyaltyCard, "CARD1"), Self.id(.email, "p3@mail.ru"), Self.id(.email, "p4@mail.ru")])
        #expect(PhoneSuperNodes().find(four, owners: [:], anchored: []).isEmpty)
        #expect(IdentityClustering().resolve(four).superNodes.isEmpty)
    }

    @Test func aStoredOwnerCountsWhenAnchoredAndOnceWithItsIdentities() {
        let records = (0..<4).map { [Self.office, Self.id(.email, "p\($0)@mail.ru")] }
        #expect(PhoneSuperNodes().find(records, owners: [Self.office: "C9"], anchored: ["C9"]) == [Self.office: 5])
        #expect(PhoneSuperNodes().find(records, owners: [Self.office: "C9"], anchored: []).isEmpty, "an owner with a phone alone")
        // The stored owner also owns p0@mail.ru: it is the same group as record 0.
        let owners = [Self.office: "C9", Self.id(.email, "p0@mail.ru"): "C9"]
        #expect(PhoneSuperNodes().find(records, owners: owners, anchored: ["C9"]).isEmpty)
    }

    @Test func theSameSuperNodePhonesAsTheClusteringOnTheGeneratedPopulation() {
        let records = SyntheticIdentityPopulation(people: 5_000, seed: 18).normalized()
        let clustering = IdentityClustering().resolve(records).superNodes.filter { $0.key.kind == .phone }
        let found = PhoneSuperNodes().find(records, owners: [:], anchored: [])
        #expect(found == clustering && found[Self.office] == 30, "\(found) vs \(clustering)")
    }
}
