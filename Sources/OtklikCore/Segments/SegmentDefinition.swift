import Foundation

/// A segment's JSON definition (`otklik segments define FILE.json`, `PUT /api/v1/segments`) read with a clear error
/// naming the field, and written back in the same shape (the store keeps it as text). A file or request may hold one
/// definition or `{"segments": [...]}`; either all are valid or none is taken.
///
/// ```json
/// {"code": "loyal-high-value", "name_ru": "Лояльные с высокой ценностью", "name_en": "Loyal, high value",
///  "rules": [{"attribute": "clv_band", "op": "eq", "value": "top"}, {"attribute": "recency_days", "op": "lte", "value": 60}]}
/// ```
public enum SegmentDefinition {
    public static let maxRules = 20

    /// One definition or a list under `segments`.
    public static func parseList(_ data: Data) throws(OtklikError) -> [Segment] {
        let root = try json(data)
        if let object = root as? [String: Any], let list = object["segments"] {
            guard object.count == 1, let items = list as? [Any], !items.isEmpty, items.count <= 100 else {
                throw .invalid("segments", "a list of 1-100 segment definitions (and nothing beside it)")
            }
            var segments: [Segment] = []
            for (index, item) in items.enumerated() {
                guard let object = item as? [String: Any] else { throw .invalid("segments[\(index)]", "a segment definition object") }
                do throws(OtklikError) {
                    let segment = try parse(object)
                    guard !segments.contains(where: { $0.code == segment.code }) else { throw OtklikError.invalid("code", "the code '\(segment.code)' appears twice") }
                    segments.append(segment)
                } catch {
                    throw error.prefixingField("segments[\(index)]")
                }
            }
            return segments
        }
        guard let object = root as? [String: Any] else { throw OtklikError(.invalidInput, "the definition must be a JSON object") }
        return [try parse(object)]
    }

    public static func parse(_ data: Data) throws(OtklikError) -> Segment {
        guard let object = try json(data) as? [String: Any] else { throw OtklikError(.invalidInput, "the definition must be a JSON object") }
        return try parse(object)
    }

    static func json(_ data: Data) throws(OtklikError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            throw OtklikError(.invalidInput, "the definition is not JSON: \(error.localizedDescription)")
        }
    }

    public static func parse(_ root: [String: Any]) throws(OtklikError) -> Segment {
        let known: Set<String> = ["code", "name_ru", "name_en", "rules"]
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields are \(known.sorted().joined(separator: ", "))")
        }
        guard let code = root["code"] as? String, ProgrammeDefinition.isCode(code) else {
            throw .invalid("code", "a code is 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit")
        }
        let nameRu = try name(root, "name_ru"), nameEn = try name(root, "name_en")
        guard let items = root["rules"] as? [Any], !items.isEmpty, items.count <= maxRules else {
            throw .invalid("rules", "a list of 1-\(maxRules) rules {\"attribute\", \"op\", \"value\"}")
        }
        var rules: [SegmentRule] = []
        for (index, item) in items.enumerated() {
            do throws(OtklikError) {
                rules.append(try rule(item))
            } catch {
                throw error.prefixingField("rules[\(index)]")
            }
        }
        return Segment(code: code, nameRu: nameRu, nameEn: nameEn, rules: rules)
    }

    static func name(_ root: [String: Any], _ key: String) throws(OtklikError) -> String {
        let value = (root[key] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !value.isEmpty, value.count <= 200 else { throw .invalid(key, "a name of 1-200 characters") }
        return value
    }

    static func rule(_ item: Any) throws(OtklikError) -> SegmentRule {
        guard let object = item as? [String: Any] else { throw OtklikError(.invalidInput, "a rule is an object {\"attribute\", \"op\", \"value\"}") }
        if let unknown = object.keys.sorted().first(where: { !["attribute", "op", "value"].contains($0) }) {
            throw .invalid(unknown, "unknown field; a rule has attribute, op and value")
        }
        guard let raw = object["attribute"] as? String, let attribute = SegmentAttribute(rawValue: raw) else {
            throw .invalid("attribute", "one of \(SegmentAttribute.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let rawOp = object["op"] as? String, let op = SegmentOperator(rawValue: rawOp) else {
            throw .invalid("op", "one of \(SegmentOperator.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let value = object["value"] else { throw .invalid("value", "required") }
        if attribute.isText {
            func check(_ text: String) throws(OtklikError) -> String {
                if let choices = attribute.choices, !choices.contains(text) {
                    throw .invalid("value", "\(attribute.rawValue) is one of \(choices.joined(separator: ", "))")
                }
                guard !text.isEmpty, text.count <= 100 else { throw .invalid("value", "a text of 1-100 characters") }
                return text
            }
            switch op {
            case .eq:
                guard let text = value as? String else { throw .invalid("value", "a text for \(attribute.rawValue)") }
                return SegmentRule(attribute: attribute, op: op, value: .text(try check(text)))
            case .in:
                guard let list = value as? [Any], !list.isEmpty, list.count <= 100 else { throw .invalid("value", "a list of 1-100 texts") }
                var texts: [String] = []
                for item in list {
                    guard let text = item as? String else { throw .invalid("value", "a list of texts") }
                    texts.append(try check(text))
                }
                return SegmentRule(attribute: attribute, op: op, value: .texts(texts))
            default:
                throw .invalid("op", "\(attribute.rawValue) is a text: use eq or in")
            }
        }
        switch op {
        case .eq, .gte, .lte:
            guard let number = number(value) else { throw .invalid("value", "a number for \(attribute.rawValue)") }
            return SegmentRule(attribute: attribute, op: op, value: .number(number))
        case .in:
            guard let list = value as? [Any], !list.isEmpty, list.count <= 100 else { throw .invalid("value", "a list of 1-100 numbers") }
            var numbers: [Double] = []
            for item in list {
                guard let x = number(item) else { throw .invalid("value", "a list of numbers") }
                numbers.append(x)
            }
            return SegmentRule(attribute: attribute, op: op, value: .numbers(numbers))
        case .between:
            guard let list = value as? [Any], list.count == 2, let low = number(list[0]), let high = number(list[1]), low <= high else {
                throw .invalid("value", "two numbers [low, high] with low ≤ high")
            }
            return SegmentRule(attribute: attribute, op: op, value: .numbers([low, high]))
        }
    }

    static func number(_ value: Any) -> Double? {
        guard !ProgrammeDefinition.isBool(value) else { return nil }
        let double: Double
        if let number = value as? NSNumber { double = number.doubleValue } else if let x = value as? Double { double = x } else if let x = value as? Int { double = Double(x) } else { return nil }
        return double.isFinite ? double : nil
    }

    /// The definition as JSON, in the shape ``parse(_:)-swift.type.method`` reads.
    public static func object(_ segment: Segment) -> [String: Any] {
        ["code": segment.code, "name_ru": segment.nameRu, "name_en": segment.nameEn, "rules": segment.rules.map(object)]
    }

    public static func object(_ rule: SegmentRule) -> [String: Any] {
        let value: Any
        switch rule.value {
        case .number(let x): value = x
        case .text(let text): value = text
        case .numbers(let list): value = list
        case .texts(let list): value = list
        }
        return ["attribute": rule.attribute.rawValue, "op": rule.op.rawValue, "value": value]
    }

    public static func json(_ segment: Segment) -> Data {
        (try? JSONSerialization.data(withJSONObject: object(segment), options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
