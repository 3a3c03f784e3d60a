import Foundation

/// Precision and recall of detections against labelled truth (the demo's planted situations, or cases staff
/// confirmed), counted as (customer, situation) pairs: a pair detected and labelled is a true positive, detected and
/// not labelled a false positive, labelled and not detected a false negative.
public struct DetectionScore: Sendable, Equatable, Codable {
    public var situation: String?
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public init(situation: String?, truePositives: Int, falsePositives: Int, falseNegatives: Int) {
        self.situation = situation
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// TP / (TP + FP); nil with no detection.
    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// TP / (TP + FN); nil with no label.
    public var recall: Double? {
        truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    /// One score for `situation` (nil: all) from detected and labelled (customer, situation) pairs.
    public static func score(situation: String?, detected: Set<LabelledPair>, labelled: Set<LabelledPair>) -> DetectionScore {
        let d = situation.map { code in detected.filter { $0.situation == code } } ?? detected
        let l = situation.map { code in labelled.filter { $0.situation == code } } ?? labelled
        let both = d.intersection(l).count
        return DetectionScore(situation: situation, truePositives: both, falsePositives: d.count - both, falseNegatives: l.count - both)
    }
}

/// A customer in a situation.
public struct LabelledPair: Sendable, Hashable, Codable {
    public var customer: String
    public var situation: String

    public init(customer: String, situation: String) {
        self.customer = customer
        self.situation = situation
    }
}
