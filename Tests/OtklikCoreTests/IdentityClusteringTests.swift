import Foundation
import OtklikCore
import Testing

/// The deterministic merge rules on small, hand-built populations: strong identities merge, a phone merges below its
/// super-node threshold, a device never joins two people who each have something else, limits send a join to review.
@Suite struct IdentityClusteringTests {
    static func id(_ kind: IdentityKind, _ value: String) -> CustomerIdentity { CustomerIdentity(kind: kind, value: value) }
    static let clustering = IdentityClustering()

    @Test func strongIdentitiesAndAPhoneJoinOnePersonsRecords() {
        let records = [
            [Self.id(.external, "C1"), Self.id(.email, "a@mail.ru")],
            [Self.id(.email, "a@mail.ru"), Self.id(.phone, "+79123456789")],
            [Self.id(.phone, "+79123456789")],
            [Self.id(.loyaltyCard, "CARD1"), Self.id(.phone, "+79123456789")],
            [Self.id(.email, "b@mail.ru")],
        ]
        let result = Self.clustering.resolve(records)
        #expect(result.group == [0, 0, 0, 0, 4])
        #expect(result.review.isEmpty && result.superNodes.isEmpty)
    }

    @Test func twoExternalIDsNeverMergeAndGoToReview() {
        let records = [
            [Self.id(.external, "C1"), Self.id(.phone, "+79123456789")],
            [Self.id(.external, "C2"), Self.id(.phone, "+79123456789")],
            [Self.id(.phone, "+79123456789")],
        ]
        let result = Self.clustering.resolve(records)
        #expect(Set(result.group).count == 3, "neither customer takes the phone-only record: the phone is ambiguous")
        #expect(result.review == [ProbableMatch(left: 0, right: 1, shared: Self.id(.phone, "+79123456789"), reason: .conflictingExternalIDs)])
    }

    @Test func aPhoneOfFiveAnchoredCustomersIsASuperNode() {
        var records = (0..<5).map { [Self.id(.email, "p\($0)@mail.ru"), Self.id(.phone, "+74951234567")] }
        records.append([Self.id(.phone, "+74951234567")])
        let result = Self.clustering.resolve(records)
        #expect(Set(result.group).count == 6)
        #expect(result.superNodes == [Self.id(.phone, "+74951234567"): 5])
        #expect(result.review.isEmpty)
        let three = Self.clustering.resolve(Array(records.prefix(3)))
        #expect(Set(three.group).count == 1, "below the threshold (and within three e-mail addresses) a shared phone merges")
        let four = Self.clustering.resolve(Array(records.prefix(4)))
        #expect(four.review.map(\.reason) == [.limitExceeded(.email)], "a fourth e-mail address is a probable match, not a merge")
    }

    @Test func aDeviceAttachesBareRecordsButNeverJoinsTwoPeople() {
        let records = [
            [Self.id(.email, "a@mail.ru"), Self.id(.device, "D1")],
            [Self.id(.device, "D1")],
            [Self.id(.email, "b@mail.ru"), Self.id(.device, "D2")],
            [Self.id(.email, "c@mail.ru"), Self.id(.device, "D2")],
        ]
        let result = Self.clustering.resolve(records)
        #expect(result.group == [0, 0, 2, 3])
        #expect(result.review == [ProbableMatch(left: 2, right: 3, shared: Self.id(.device, "D2"), reason: .sharedDevice)])
    }

    @Test func limitsPerKindSendAJoinToReview() {
        let rules = IdentityRules(limits: [.external: 1, .phone: 1], superNodeThreshold: [:])
        let records = [
            [Self.id(.email, "a@mail.ru"), Self.id(.phone, "+79123456780")],
            [Self.id(.email, "a@mail.ru"), Self.id(.phone, "+79123456781")],
        ]
        let result = IdentityClustering(rules: rules).resolve(records)
        #expect(result.group == [0, 1])
        #expect(result.review.map(\.reason) == [.limitExceeded(.phone)])
        #expect(MergeRefusal(code: MergeRefusal.limitExceeded(.phone).code) == .limitExceeded(.phone))
    }

    @Test func theSameRecordsGiveTheSameGroups() {
        let records = SyntheticIdentityPopulation(people: 300, seed: 7).normalized()
        #expect(Self.clustering.resolve(records).group == Self.clustering.resolve(records).group)
    }

    @Test func aManualMergeIsCheckedAgainstErasureAndTheLimits() {
        let now = Date(timeIntervalSince1970: 0)
        func customer(_ id: String, _ identities: [CustomerIdentity], erased: Bool = false) -> Customer {
            Customer(id: id, createdAt: now, erased: erased, identities: identities.map { StoredIdentity(identity: $0, source: "t", firstSeenAt: now) })
        }
        let a = customer("C1", [Self.id(.external, "C1")])
        let b = customer("cus_1", [Self.id(.phone, "+79123456789")])
        #expect(CustomerMergeCheck.check(survivor: a, absorbed: b) == .allowed)
        #expect(CustomerMergeCheck.check(survivor: a, absorbed: a) != .allowed)
        #expect(CustomerMergeCheck.check(survivor: a, absorbed: customer("C2", [Self.id(.external, "C2")])) != .allowed)
        #expect(CustomerMergeCheck.check(survivor: a, absorbed: customer("cus_2", [], erased: true)) != .allowed)
    }

    @Test func pairwiseAgreementCountsPairsThroughGroupSizes() {
        let agreement = PairwiseAgreement(predicted: [0, 0, 0, 3], truth: [1, 1, 2, 2])
        #expect(agreement.predictedPairs == 3 && agreement.truePairs == 2 && agreement.correctPairs == 1)
        #expect(abs(agreement.precision - 1.0 / 3) < 1e-12 && agreement.recall == 0.5)
    }
}
