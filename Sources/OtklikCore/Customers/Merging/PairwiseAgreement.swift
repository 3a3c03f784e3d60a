/// Pairwise precision and recall of a grouping against the truth: a pair of records is predicted together when both
/// are in one group, truly together when both belong to one person. Precision = pairs predicted and true / pairs
/// predicted; recall = pairs predicted and true / true pairs. Counted through group sizes, never pair by pair.
public struct PairwiseAgreement: Sendable, Equatable {
    public var predictedPairs: Int
    public var truePairs: Int
    public var correctPairs: Int

    public var precision: Double { predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs) }
    public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }

    /// `predicted[i]` and `truth[i]` name record i's group and person.
    public init(predicted: [Int], truth: [Int]) {
        precondition(predicted.count == truth.count, "one group and one person per record")
        func pairs<K: Hashable>(_ keys: [K]) -> Int {
            var sizes: [K: Int] = [:]
            for key in keys { sizes[key, default: 0] += 1 }
            return sizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        }
        predictedPairs = pairs(predicted)
        truePairs = pairs(truth)
        correctPairs = pairs(zip(predicted, truth).map { GroupAndPerson(group: $0, person: $1) })
    }
}

struct GroupAndPerson: Hashable {
    var group: Int
    var person: Int
}
