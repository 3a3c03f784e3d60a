import Foundation
import OtklikCore
import Testing

/// The life-situation rule on hand-computed cases (issue 19 item 4): distinct signals within the window (the far end
/// excluded), a repeated signal counts once, a detection at the signal that completes the rule with the latest
/// occurrence of each signal as evidence, nothing more for that customer and situation until the window after it has
/// passed; and the catalogue's JSON with errors that name the field.
@Suite struct LifeSituationDetectorTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static func day(_ d: Double) -> Date { t0.addingTimeInterval(d * 86_400) }

    static let moving = LifeSituation(
        code: "moving", nameRu: "Переезд", nameEn: "Moving", windowDays: 30, minSignals: 2,
        signals: [LifeSituationSignal(kind: .serviceRequest, code: "address_change"), LifeSituationSignal(kind: .interactionTopic, code: "utilities"),
                  LifeSituationSignal(kind: .transaction, code: "removals")],
        services: ["address_change"])

    static func signal(_ kind: LifeSituationSignal.Kind, _ code: String, _ customer: String, day d: Double, _ record: String) -> SignalOccurrence {
        SignalOccurrence(signal: LifeSituationSignal(kind: kind, code: code), customer: customer, at: day(d), record: record)
    }

    @Test func twoDistinctSignalsWithinTheWindowMakeOneDetection() {
        let detector = LifeSituationDetector(catalogue: [Self.moving])
        let found = detector.detect([
            Self.signal(.interactionTopic, "utilities", "A", day: 0, "i1"),
            Self.signal(.interactionTopic, "utilities", "A", day: 5, "i2"),  // the same signal again: still one
            Self.signal(.serviceRequest, "address_change", "A", day: 29.9, "r1"),  // completes the rule
            Self.signal(.transaction, "removals", "A", day: 40, "t1"),  // within 30 days of the detection: ignored
            Self.signal(.interactionTopic, "utilities", "A", day: 59.8, "i3"),  // before day 59.9: ignored
            Self.signal(.interactionTopic, "utilities", "A", day: 61, "i4"),  // a new window starts counting
            Self.signal(.transaction, "removals", "A", day: 70, "t2"),  // second detection
            Self.signal(.transaction, "removals", "B", day: 0, "t3"),
            Self.signal(.serviceRequest, "address_change", "B", day: 30, "r2"),  // exactly 30 days later: outside
            Self.signal(.serviceRequest, "other", "C", day: 1, "x"),
        ])
        #expect(found.map(\.customer) == ["A", "A"])
        #expect(found[0].detectedAt == Self.day(29.9) && found[0].evidence.map(\.record) == ["i2", "r1"])
        #expect(found[1].detectedAt == Self.day(70) && found[1].evidence.map(\.record) == ["i4", "t2"])
        #expect(found[0].id == "moving:A:\(Int64((Self.day(29.9).timeIntervalSince1970 * 1000).rounded()))")
    }

    @Test func theRuleIsIndependentOfInputOrder() {
        let items = (0..<40).map { Self.signal([.serviceRequest, .interactionTopic, .transaction][$0 % 3], ["address_change", "utilities", "removals"][$0 % 3], "C\($0 % 4)", day: Double($0 * 7 % 50), "r\($0)") }
        let detector = LifeSituationDetector(catalogue: [Self.moving])
        #expect(detector.detect(items) == detector.detect(items.reversed()))
    }

    @Test func precisionAndRecallCountPairs() {
        let detected: Set<LabelledPair> = [.init(customer: "A", situation: "s"), .init(customer: "B", situation: "s"), .init(customer: "C", situation: "t")]
        let labelled: Set<LabelledPair> = [.init(customer: "A", situation: "s"), .init(customer: "D", situation: "s"), .init(customer: "C", situation: "t")]
        let all = DetectionScore.score(situation: nil, detected: detected, labelled: labelled)
        #expect(all.truePositives == 2 && all.falsePositives == 1 && all.falseNegatives == 1 && all.precision == 2.0 / 3 && all.recall == 2.0 / 3)
        let s = DetectionScore.score(situation: "s", detected: detected, labelled: labelled)
        #expect(s.precision == 0.5 && s.recall == 0.5)
        #expect(DetectionScore.score(situation: "none", detected: detected, labelled: labelled).precision == nil)
    }

    @Test func theDefaultCatalogueIsTheSeedsList() throws {
        let codes = LifeSituationCatalogue.defaults.map(\.code)
        #expect(codes == ["family", "birth", "moving", "health", "business", "job_loss", "retirement", "vehicle", "travel", "education", "covid", "bereavement"])
        for situation in LifeSituationCatalogue.defaults {
            // Each round-trips through its JSON and could be imported as it is.
            #expect(try LifeSituationDefinition.parse(LifeSituationDefinition.json(situation)) == situation)
            #expect(situation.signals.filter { $0.kind == .interactionTopic }.count >= 2)
        }
    }

    @Test(arguments: [
        (#"{"situations": [{"code": "a", "name_ru": "А", "name_en": "A", "signals": [{"kind": "topic", "code": "x"}]}]}"#, "situations[0].signals[0].kind"),
        (#"{"code": "a", "name_ru": "А", "name_en": "A", "min_signals": 3, "signals": [{"kind": "transaction", "code": "x"}]}"#, "min_signals"),
        (#"{"code": "a", "name_ru": "А", "name_en": "A", "window_days": 0, "signals": [{"kind": "transaction", "code": "x"}]}"#, "window_days"),
        (#"{"code": "A!", "name_ru": "А", "name_en": "A", "signals": [{"kind": "transaction", "code": "x"}]}"#, "code"),
        (#"{"code": "a", "name_ru": "", "name_en": "A", "signals": [{"kind": "transaction", "code": "x"}]}"#, "name_ru"),
        (#"{"code": "a", "name_ru": "А", "name_en": "A", "signals": [{"kind": "transaction", "code": "x"}, {"kind": "transaction", "code": "x"}]}"#, "signals[1]"),
        (#"{"code": "a", "name_ru": "А", "name_en": "A", "signals": [{"kind": "transaction", "code": "x"}], "colour": "red"}"#, "colour"),
    ])
    func badDefinitionsNameTheField(json: String, field: String) {
        #expect(throws: OtklikError.self) { try LifeSituationDefinition.parseList(Data(json.utf8)) }
        do {
            _ = try LifeSituationDefinition.parseList(Data(json.utf8))
        } catch {
            #expect(error.field == field, "\(error.message)")
        }
    }
}
