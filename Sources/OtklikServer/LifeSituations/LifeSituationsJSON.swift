import Foundation
import OtklikCore
import OtklikStore

/// A situation as the API and `otklik situations list --format json` show it: its definition, its detections and the
/// public-service figures of its customers' requests.
public struct LifeSituationJSON: Encodable, Sendable {
    struct Signal: Encodable, Sendable {
        let kind: String
        let code: String
    }

    struct Requests: Encodable, Sendable {
        let customers: Int
        let requests: Int
        let completed: Int
        let online: Int
        let meanDaysToComplete: Double?

        enum CodingKeys: String, CodingKey { case customers, requests, completed, online, meanDaysToComplete = "mean_days_to_complete" }
    }

    let code: String
    let nameRu: String
    let nameEn: String
    let windowDays: Int
    let minSignals: Int
    let signals: [Signal]
    let services: [String]
    let detections: Int
    let requests: Requests?

    public init(_ situation: LifeSituation, detections: Int, figures: SituationRequestFigures?) {
        code = situation.code
        nameRu = situation.nameRu
        nameEn = situation.nameEn
        windowDays = situation.windowDays
        minSignals = situation.minSignals
        signals = situation.signals.map { Signal(kind: $0.kind.rawValue, code: $0.code) }
        services = situation.services
        self.detections = detections
        requests = figures.map {
            Requests(customers: $0.customers, requests: $0.requests, completed: $0.completed, online: $0.online, meanDaysToComplete: $0.meanDaysToComplete)
        }
    }

    enum CodingKeys: String, CodingKey {
        case code, nameRu = "name_ru", nameEn = "name_en", windowDays = "window_days", minSignals = "min_signals", signals, services, detections
        case requests
    }
}

/// Precision and recall against the labels: `situation` null for all situations together.
public struct DetectionScoreJSON: Encodable, Sendable {
    let situation: String?
    let truePositives: Int
    let falsePositives: Int
    let falseNegatives: Int
    let precision: Double?
    let recall: Double?

    public init(_ score: DetectionScore) {
        situation = score.situation
        truePositives = score.truePositives
        falsePositives = score.falsePositives
        falseNegatives = score.falseNegatives
        precision = score.precision
        recall = score.recall
    }

    enum CodingKeys: String, CodingKey {
        case situation, truePositives = "true_positives", falsePositives = "false_positives", falseNegatives = "false_negatives", precision, recall
    }
}

/// `GET /api/v1/life-situations`.
public struct LifeSituationListJSON: Encodable, Sendable {
    let situations: [LifeSituationJSON]
    let evaluation: [DetectionScoreJSON]
    /// What the request figures count (the customers' requests around the detection, not the mapped services).
    let requestsBasis = "requests of the customers detected in the situation, submitted from detected_at - window_days to detected_at + window_days"

    public init(situations: [LifeSituationJSON], evaluation: [DetectionScoreJSON]) {
        self.situations = situations
        self.evaluation = evaluation
    }

    enum CodingKeys: String, CodingKey { case situations, evaluation, requestsBasis = "requests_basis" }

    /// Everything the list shows, read from the store.
    public static func load(_ repository: any LifeSituationRepository) async throws -> LifeSituationListJSON {
        let counts = try await repository.counts()
        let figures = Dictionary(try await repository.requestFigures().map { ($0.situation, $0) }, uniquingKeysWith: { a, _ in a })
        let situations = try await repository.situations().map { LifeSituationJSON($0, detections: counts[$0.code] ?? 0, figures: figures[$0.code]) }
        return LifeSituationListJSON(situations: situations, evaluation: try await repository.evaluate().map(DetectionScoreJSON.init))
    }
}
