import Foundation

/// The catalogue's JSON (`otklik situations import FILE.json`, `PUT /api/v1/life-situations`), read with an error that
/// names the field, and written back in the same shape (the store keeps each situation as text). A file or request
/// holds one situation or `{"situations": [...]}`; either all are valid or none is taken.
///
/// ```json
/// {"code": "moving", "name_ru": "Переезд", "name_en": "Moving home", "window_days": 90, "min_signals": 2,
///  "signals": [{"kind": "service_request", "code": "address_change"}, {"kind": "interaction_topic", "code": "utilities_contract"}],
///  "services": ["address_change", "utilities_contract"]}
/// ```
public enum LifeSituationDefinition {
    public static let maxSignals = 30
    public static let maxSituations = 200

    public static func parseList(_ data: Data) throws(OtklikError) -> [LifeSituation] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw OtklikError(.invalidInput, "the catalogue is not JSON: \(error.localizedDescription)")
        }
        if let object = root as? [String: Any], let list = object["situations"] {
            guard object.count == 1, let items = list as? [Any], !items.isEmpty, items.count <= maxSituations else {
                throw .invalid("situations", "a list of 1-\(maxSituations) situations (and nothing beside it)")
            }
            var situations: [LifeSituation] = []
            for (index, item) in items.enumerated() {
                do throws(OtklikError) {
                    guard let object = item as? [String: Any] else { throw OtklikError(.invalidInput, "a situation object") }
                    let situation = try parse(object)
                    guard !situations.contains(where: { $0.code == situation.code }) else {
                        throw OtklikError.invalid("code", "the code '\(situation.code)' appears twice")
                    }
                    situations.append(situation)
                } catch {
                    throw error.prefixingField("situations[\(index)]")
                }
            }
            return situations
        }
        guard let object = root as? [String: Any] else { throw OtklikError(.invalidInput, "the catalogue must be a JSON object") }
        return [try parse(object)]
    }

    public static func parse(_ root: [String: Any]) throws(OtklikError) -> LifeSituation {
        let known: Set<String> = ["code", "name_ru", "name_en", "window_days", "min_signals", "signals", "services"]
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields are \(known.sorted().joined(separator: ", "))")
        }
        guard let code = root["code"] as? String, ProgrammeDefinition.isCode(code) else {
            throw .invalid("code", "a code is 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit")
        }
        let nameRu = try name(root, "name_ru"), nameEn = try name(root, "name_en")
        let windowDays = try whole(root, "window_days", 1...730, default: 90)
        let minSignals = try whole(root, "min_signals", 1...10, default: 2)
        guard let items = root["signals"] as? [Any], !items.isEmpty, items.count <= maxSignals else {
            throw .invalid("signals", "a list of 1-\(maxSignals) signals {\"kind\", \"code\"}")
        }
        var signals: [LifeSituationSignal] = []
        for (index, item) in items.enumerated() {
            let field = "signals[\(index)]"
            guard let object = item as? [String: Any], object.count == 2, let kindText = object["kind"] as? String, let signalCode = object["code"] as? String
            else { throw .invalid(field, "a signal is {\"kind\", \"code\"}") }
            let signal = try signal(kind: kindText, code: signalCode, field: field)
            guard !signals.contains(signal) else { throw .invalid(field, "the signal \(signal.key) appears twice") }
            signals.append(signal)
        }
        guard minSignals <= signals.count else {
            throw .invalid("min_signals", "min_signals (\(minSignals)) is more than the \(signals.count) signals listed")
        }
        var services: [String] = []
        if let value = root["services"] {
            guard let list = value as? [String], list.count <= 50 else { throw .invalid("services", "a list of up to 50 service codes") }
            for item in list { try Identifier.validate(item, field: "services") }
            services = list
        }
        return LifeSituation(
            code: code, nameRu: nameRu, nameEn: nameEn, windowDays: windowDays, minSignals: minSignals, signals: signals, services: services)
    }

    /// A signal from its kind's name and its code; `field` names both in an error.
    public static func signal(kind: String, code: String, field: String) throws(OtklikError) -> LifeSituationSignal {
        guard let kind = LifeSituationSignal.Kind(rawValue: kind) else {
            throw .invalid("\(field).kind", "the kinds are \(LifeSituationSignal.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try Identifier.validate(code, field: "\(field).code")
        return LifeSituationSignal(kind: kind, code: code)
    }

    static func name(_ root: [String: Any], _ key: String) throws(OtklikError) -> String {
        let value = (root[key] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !value.isEmpty, value.count <= 200 else { throw .invalid(key, "a name of 1-200 characters") }
        return value
    }

    static func whole(_ root: [String: Any], _ key: String, _ range: ClosedRange<Int>, default value: Int) throws(OtklikError) -> Int {
        guard let raw = root[key] else { return value }
        guard !ProgrammeDefinition.isBool(raw), let number = raw as? NSNumber, number.doubleValue == number.doubleValue.rounded(),
            range.contains(number.intValue)
        else { throw .invalid(key, "a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return number.intValue
    }

    /// The situation as its JSON object.
    public static func object(_ situation: LifeSituation) -> [String: Any] {
        [
            "code": situation.code, "name_ru": situation.nameRu, "name_en": situation.nameEn, "window_days": situation.windowDays,
            "min_signals": situation.minSignals, "signals": situation.signals.map { ["kind": $0.kind.rawValue, "code": $0.code] },
            "services": situation.services,
        ]
    }

    public static func json(_ situation: LifeSituation) -> Data {
        (try? JSONSerialization.data(withJSONObject: object(situation), options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    public static func parse(_ data: Data) throws(OtklikError) -> LifeSituation {
        let list = try parseList(data)
        guard list.count == 1 else { throw OtklikError(.invalidInput, "one situation expected") }
        return list[0]
    }
}
