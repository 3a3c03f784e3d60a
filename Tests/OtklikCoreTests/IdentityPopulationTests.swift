import Foundation
import OtklikCore
import Testing

/// Identity resolution on a generated population with known truth (``SyntheticIdentityPopulation``: 5,000 people,
/// formatting variants, an office phone shared by 30, placeholders, two people on one device, families on one phone):
/// pairwise precision at least 0.99 and recall at least 0.95, and every trap holds. The figures are in docs/methods.md.
@Suite struct IdentityPopulationTests {
    static let population = SyntheticIdentityPopulation(people: 5_000, seed: 18)
    static let records = population.normalized()
    static let result = IdentityClustering().resolve(records)

    @Test func pairwisePrecisionAndRecallOnTheGeneratedPopulation() {
        let truth = Self.population.records.map(\.person)
        let agreement = PairwiseAgreement(predicted: Self.result.group, truth: truth)
        let line = "records \(Self.records.count), true pairs \(agreement.truePairs), predicted \(agreement.predictedPairs), "
            + "correct \(agreement.correctPairs), precision \(agreement.precision), recall \(agreement.recall), "
            + "review \(Self.result.review.count), super-nodes \(Self.result.superNodes.count)"
        print("identity population: \(line)")
        #expect(agreement.precision >= 0.99, "\(line)")
        #expect(agreement.recall >= 0.95, "\(line)")
    }

    @Test func theTrapsHold() {
        let truth = Self.population.records.map(\.person)
        #expect(Self.result.superNodes[CustomerIdentity(kind: .phone, value: "+74951234567")] == 30, "the office phone merges nobody")
        let placeholders = Set(["+70000000000", "test@example.com", "anonymous", "-1", "0000000000"])
        #expect(Self.records.allSatisfy { $0.allSatisfy { !placeholders.contains($0.value) } }, "no placeholder becomes an identity")
        #expect(Self.records.contains { $0.contains(CustomerIdentity(kind: .external, value: "00001")) }, "00001 is an id")
        // No group holds two people who share only a device or a home phone.
        var people: [Int: Set<Int>] = [:]
        for (index, group) in Self.result.group.enumerated() { people[group, default: []].insert(truth[index]) }
        for pair in 0..<(5_000 / 200) {
            let a = 100 + pair * 40
            #expect(!people.values.contains { $0.isSuperset(of: [a, a + 1]) }, "family \(pair) on one phone")
            #expect(!people.values.contains { $0.isSuperset(of: [a + 10, a + 11]) }, "pair \(pair) on one device")
        }
        #expect(Self.result.review.contains { $0.reason == .conflictingExternalIDs })
    }
}
