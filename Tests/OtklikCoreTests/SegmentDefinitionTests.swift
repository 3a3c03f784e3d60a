import Foundation
import OtklikCore
import Testing

/// Segment definitions (issue 18 item 7): read from JSON with errors naming the field, all or nothing for a list, written
/// back in the same shape; rules matched on hand-made profiles (a missing attribute meets no rule); CLV bands by fifths.
@Suite struct SegmentDefinitionTests {
    static let loyal = """
        {"code": "loyal", "name_ru": "Лояльные", "name_en": "Loyal",
         "rules": [{"attribute": "purchases", "op": "gte", "value": 3}, {"attribute": "recency_days", "op": "between", "value": [0, 60]},
                   {"attribute": "nps_group", "op": "in", "value": ["promoter", "passive"]}]}
        """

    static func error(_ json: String) -> OtklikError? {
        do {
            _ = try SegmentDefinition.parseList(Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func readsMatchesAndWritesBack() throws {
        let segment = try SegmentDefinition.parse(Data(Self.loyal.utf8))
        #expect(segment.code == "loyal" && segment.rules.count == 3 && segment.name(lang: "ru") == "Лояльные")
        var profile = CustomerProfile(customer: "C1")
        profile.purchases = 3
        profile.recencyDays = 60
        profile.latestNPS = 8
        #expect(segment.matches(profile))
        profile.latestNPS = 6
        #expect(!segment.matches(profile), "a detractor is not promoter or passive")
        profile.latestNPS = nil
        #expect(!segment.matches(profile), "no NPS answer meets no rule on it")
        profile.latestNPS = 10
        profile.recencyDays = 60.5
        #expect(!segment.matches(profile), "between includes its bounds only")
        #expect(try SegmentDefinition.parse(SegmentDefinition.json(segment)) == segment)
    }

    @Test func errorsNameTheField() {
        #expect(Self.error(#"{"code": "A B", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "purchases", "op": "gte", "value": 1}]}"#)?.field == "code")
        #expect(Self.error(#"{"code": "a", "name_en": "x", "rules": [{"attribute": "purchases", "op": "gte", "value": 1}]}"#)?.field == "name_ru")
        #expect(Self.error(#"{"code": "a", "name_ru": "x", "name_en": "x", "rules": []}"#)?.field == "rules")
        let unknown = Self.error(#"{"code": "a", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "purchases", "op": "gte", "value": 1}, {"attribute": "age", "op": "gte", "value": 1}]}"#)
        #expect(unknown?.field == "rules[1].attribute")
        #expect(Self.error(#"{"code": "a", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "churn_band", "op": "gte", "value": "high"}]}"#)?.field == "rules[0].op")
        #expect(Self.error(#"{"code": "a", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "churn_band", "op": "eq", "value": "very"}]}"#)?.field == "rules[0].value")
        #expect(Self.error(#"{"code": "a", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "purchases", "op": "between", "value": [5, 1]}]}"#)?.field == "rules[0].value")
        #expect(Self.error(#"{"code": "a", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "purchases", "op": "gte", "value": true}]}"#)?.field == "rules[0].value")
        #expect(Self.error(#"{"code": "a", "name_ru": "x", "name_en": "x", "colour": 1, "rules": []}"#)?.field == "colour")
        // A list is all or nothing: the second item's error names it.
        let list = #"{"segments": [\#(Self.loyal), {"code": "loyal", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "complaints", "op": "gte", "value": 1}]}]}"#
        #expect(Self.error(list)?.field == "segments[1].code")
        #expect(Self.error("not json")?.code == .invalidInput)
    }

    @Test func clvBandsByFifths() {
        let values = Dictionary(uniqueKeysWithValues: (1...10).map { ("C\($0)", Double($0)) })
        let bands = CustomerProfile.bands(values)
        #expect(bands["C1"] == "bottom" && bands["C2"] == "bottom")
        #expect(bands["C3"] == "middle" && bands["C8"] == "middle")
        #expect(bands["C9"] == "top" && bands["C10"] == "top")
    }
}
