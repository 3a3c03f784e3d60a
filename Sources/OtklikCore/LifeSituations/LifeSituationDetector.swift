import Foundation

/// The rule that turns signals into detections, per customer and situation: going through the customer's matching
/// signals in time order, a detection is made at the first signal that brings the distinct signals seen within the
/// last `windowDays` (counting back from it, that day excluded at the far end) to `minSignals`. Its evidence is the
/// latest occurrence of each of those signals. Signals before the end of that window (detection + `windowDays`) are
/// then ignored, so a customer is detected at most once per situation per window; the count starts again after it.
public struct LifeSituationDetector: Sendable {
    public let catalogue: [LifeSituation]

    public init(catalogue: [LifeSituation]) {
        self.catalogue = catalogue
    }

    /// Every detection the occurrences give (any customers, any order), by customer, situation and time.
    public func detect(_ occurrences: [SignalOccurrence]) -> [LifeSituationDetection] {
        let byCustomer = Dictionary(grouping: occurrences, by: \.customer)
        var detections: [LifeSituationDetection] = []
        for customer in byCustomer.keys.sorted() {
            let ordered = byCustomer[customer]!.sorted(by: SignalOccurrence.chronological)
            for situation in catalogue {
                detections += detect(situation, customer: customer, ordered: ordered)
            }
        }
        return detections
    }

    func detect(_ situation: LifeSituation, customer: String, ordered: [SignalOccurrence]) -> [LifeSituationDetection] {
        let wanted = Set(situation.signals)
        var detections: [LifeSituationDetection] = []
        var pending: [SignalOccurrence] = []
        var blockedUntil: Date?
        for occurrence in ordered where wanted.contains(occurrence.signal) {
            if let blockedUntil, occurrence.at < blockedUntil { continue }
            pending.append(occurrence)
            let start = occurrence.at.addingTimeInterval(-situation.window)
            pending.removeAll { $0.at <= start }
            var latest: [LifeSituationSignal: SignalOccurrence] = [:]
            for item in pending { latest[item.signal] = item }
            guard latest.count >= situation.minSignals else { continue }
            let evidence = latest.values.sorted(by: SignalOccurrence.chronological)
            detections.append(LifeSituationDetection(situation: situation.code, customer: customer, detectedAt: occurrence.at, evidence: evidence))
            blockedUntil = occurrence.at.addingTimeInterval(situation.window)
            pending = []
        }
        return detections
    }
}
