import Foundation
import OtklikCore

/// Life situations (issue 19 item 4): the catalogue, the signals customers' records carry, the detections made from
/// them (each with its `life_situation.detected` feed event), labelled truth and the figures by situation.
public protocol LifeSituationRepository: Sendable {
    /// Stores the situations (a new code is created, an existing one replaced), all in one transaction.
    func define(_ situations: [LifeSituation], now: Date) async throws
    /// The catalogue, by code.
    func situations() async throws -> [LifeSituation]
    /// Every signal of the catalogue that the records of `customers` carry (all customers when nil), in time order.
    func occurrences(of customers: [String]?, catalogue: [LifeSituation]) async throws -> [SignalOccurrence]
    /// The stored detections, by customer and time; only `customer`'s when given.
    func detections(customer: String?) async throws -> [LifeSituationDetection]
    /// Stores the detections not yet stored (none within the window of a stored one of the same customer and
    /// situation) with one `life_situation.detected` feed event, in the caller's transaction; returns how many.
    func record(_ detections: [LifeSituationDetection], catalogue: [LifeSituation], now: Date, in tx: any SQLExecutor) async throws -> Int
    /// Runs the detector over every customer's signals and records what is new; returns how many detections were added.
    func detectAll(now: Date) async throws -> Int
    /// Labelled truth: replaces the labels of `source` with `pairs` (the demo's planted situations, or staff's review).
    func label(_ pairs: [LabelledPair], source: String, now: Date) async throws
    func labels() async throws -> [LabelledPair]
    /// Precision and recall of the stored detections against the labels: all situations first, then each.
    func evaluate() async throws -> [DetectionScore]
    /// Detections per situation code.
    func counts() async throws -> [String: Int]
    /// Public-service figures by situation over the requests of the customers detected in it (``SituationRequestFigures``).
    func requestFigures() async throws -> [SituationRequestFigures]
    /// Detections whose feed event lies after `from` up to `through` (what a programme's `life_situation` trigger reads).
    func detections(after from: Int64, through: Int64) async throws -> [LifeSituationDetection]
}

/// The service requests of the customers in one situation — each customer's requests submitted within the window
/// before and after the detection (from `detected_at − window` to `detected_at + window`), each request once.
public struct SituationRequestFigures: Sendable, Equatable, Codable {
    public var situation: String
    public var customers: Int
    public var requests: Int
    public var completed: Int
    public var online: Int
    /// Mean days from submission to completion over the completed requests; nil without one.
    public var meanDaysToComplete: Double?

    public init(situation: String, customers: Int, requests: Int, completed: Int, online: Int, meanDaysToComplete: Double?) {
        self.situation = situation
        self.customers = customers
        self.requests = requests
        self.completed = completed
        self.online = online
        self.meanDaysToComplete = meanDaysToComplete
    }
}

extension AppDatabase {
    /// Life situations: catalogue, detections, labels.
    public var lifeSituations: any LifeSituationRepository { SQLLifeSituationRepository(database: sql) }
}
