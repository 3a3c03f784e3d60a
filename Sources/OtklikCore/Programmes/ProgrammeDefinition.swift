import Foundation

/// A programme's JSON definition (`otklik programme create FILE.json`, `POST /api/v1/programmes`) read with a clear
/// error naming the field, and written back in the same shape (the store keeps it as text).
///
/// ```json
/// {"code": "callback-detractors", "name": "Call back detractors", "trigger": "detractor_answer",
///  "audience": ["open_complaint"], "action": {"kind": "callback", "within_hours": 24, "channels": ["phone"]},
///  "limits": {"purpose": "service", "max_contacts": 2, "window_days": 7, "quiet_hours": {"from": "21:00", "to": "09:00"}},
///  "holdout": 0.1, "global_holdout": false, "outcome": "retention", "outcome_days": 90, "auto_pause": true,
///  "expected_effect": 15}
/// ```
///
/// A round's trigger is an object: `{"kind": "schedule", "every": "week", "weekday": "monday", "at": "09:00"}`
/// (``ProgrammeSchedule``) or `{"kind": "prediction", "score": "churn_risk", "above": 0.6, "reset_below": 0.4}`
/// (``PredictionThreshold``), `{"kind": "service_request_stalled", "working_days": 10}` (``ServiceRequestStall``),
/// `{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 2}` or `{"kind": "purchase_pattern",
/// "pattern": "first_purchase"}` (``PurchasePattern``); `service_request_resolved` is a string or, limited to some
/// services, `{"kind": "service_request_resolved", "services": ["passport"]}` (``ServiceRequestResolution``). `"segments": ["vip"]` names stored segments the customer must belong to.
///
/// A message action carries its text, a survey action the survey's code:
/// `{"kind": "message", "channels": ["email", "sms"], "template": {"ru": {"subject": "…", "body": "…"}, "en": {…}}}`,
/// `{"kind": "survey", "survey": "csat"}`, `{"kind": "webhook", "channels": ["phone"]}`.
public enum ProgrammeDefinition {
    /// 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit.
    static func isCode(_ code: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard let first = code.first, first != "-", first != "_", code.count <= 64 else { return false }
        return code.allSatisfy { allowed.contains($0) }
    }

    public static func parse(_ data: Data) throws(OtklikError) -> Programme {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw OtklikError(.invalidInput, "the definition is not JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw OtklikError(.invalidInput, "the definition must be a JSON object") }
        return try parse(root)
    }

    public static func parse(_ root: [String: Any]) throws(OtklikError) -> Programme {
        let known: Set<String> = [
            "code", "name", "trigger", "audience", "action", "limits", "holdout", "global_holdout", "outcome", "outcome_days", "auto_pause",
            "expected_effect", "status", "segments",
        ]
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields are \(known.sorted().joined(separator: ", "))")
        }
        let code = try text(root, "code")
        guard isCode(code) else {
            throw .invalid("code", "a code is 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit")
        }
        let name = try text(root, "name").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw .invalid("name", "a name is 1-200 characters") }
        var trigger = ProgrammeTrigger.detractorAnswer
        var schedule: ProgrammeSchedule?
        var prediction: PredictionThreshold?
        var stall: ServiceRequestStall?
        var pattern: PurchasePattern?
        var resolution: ServiceRequestResolution?
        if let object = root["trigger"] as? [String: Any] {
            do throws(OtklikError) {
                let kinds: [ProgrammeTrigger] = [.schedule, .prediction, .serviceRequestStalled, .serviceRequestResolved, .purchasePattern]
                guard let raw = object["kind"] as? String, let kind = kinds.first(where: { $0.rawValue == raw }) else {
                    throw OtklikError.invalid("kind", "schedule, prediction, service_request_stalled, service_request_resolved or purchase_pattern (an event trigger is a string: \(ProgrammeTrigger.supported.map(\.rawValue).joined(separator: ", ")))")
                }
                trigger = kind
                switch kind {
                case .schedule: schedule = try ProgrammeSchedule.parse(object)
                case .prediction: prediction = try PredictionThreshold.parse(object)
                case .serviceRequestStalled: stall = try ServiceRequestStall.parse(object)
                case .serviceRequestResolved: resolution = try ServiceRequestResolution.parse(object)
                default: pattern = try PurchasePattern.parse(object)
                }
            } catch {
                throw error.prefixingField("trigger")
            }
        } else {
            if let raw = root["trigger"] as? String, raw == ProgrammeTrigger.serviceRequestStalled.rawValue || raw == ProgrammeTrigger.purchasePattern.rawValue {
                let example = raw == ProgrammeTrigger.purchasePattern.rawValue
                    ? #"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 2}"#
                    : #"{"kind": "service_request_stalled", "working_days": 10}"#
                throw .invalid("trigger", "\(raw) is written as an object: \(example)")
            }
            trigger = try choice(root, "trigger", ProgrammeTrigger.supported)
            if trigger == .serviceRequestResolved { resolution = ServiceRequestResolution() }
        }
        var segments: [String] = []
        if let value = root["segments"] {
            guard let items = value as? [Any] else { throw .invalid("segments", "a list of segment codes") }
            for (index, item) in items.enumerated() {
                guard let code = item as? String, isCode(code) else { throw .invalid("segments[\(index)]", "a segment's code") }
                if !segments.contains(code) { segments.append(code) }
            }
        }
        var audience: [AudienceRule] = []
        if let value = root["audience"] {
            guard let items = value as? [Any] else { throw .invalid("audience", "a list of rules: \(AudienceRule.allCases.map(\.rawValue).joined(separator: ", "))") }
            for (index, item) in items.enumerated() {
                guard let raw = item as? String, let rule = AudienceRule(rawValue: raw) else {
                    throw .invalid("audience[\(index)]", "one of \(AudienceRule.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !audience.contains(rule) { audience.append(rule) }
            }
        }
        guard let actionObject = root["action"] as? [String: Any] else { throw .invalid("action", "an object with kind (callback, message, survey, webhook)") }
        let action = try parseAction(actionObject)
        let limits = try parseLimits(root["limits"])
        let holdout = try number(root, "holdout", default: 0.1)
        guard holdout >= 0.01, holdout <= 0.5 else { throw .invalid("holdout", "the hold-out share is between 0.01 and 0.5 (0.1 by default)") }
        let outcome: ProgrammeOutcome = try choice(root, "outcome", ProgrammeOutcome.allCases)
        let days = try integer(root, "outcome_days", default: 90)
        guard (1...730).contains(days) else { throw .invalid("outcome_days", "between 1 and 730 days") }
        var status = ProgrammeStatus.active
        if root["status"] != nil { status = try choice(root, "status", ProgrammeStatus.allCases) }
        var expected: Double?
        if root["expected_effect"] != nil, !(root["expected_effect"] is NSNull) {
            let value = try number(root, "expected_effect", default: 0)
            guard value != 0 else { throw .invalid("expected_effect", "a non-zero effect on the outcome's scale (points or currency)") }
            expected = value
        }
        return Programme(
            code: code, name: name, trigger: trigger, audience: audience, action: action, limits: limits, holdoutShare: holdout,
            globalHoldout: try flag(root, "global_holdout"), outcome: outcome, outcomeDays: days, autoPause: try flag(root, "auto_pause"),
            status: status, expectedEffect: expected, segments: segments, schedule: schedule, prediction: prediction, stall: stall,
            purchasePattern: pattern, resolution: resolution)
    }

    static func parseAction(_ object: [String: Any]) throws(OtklikError) -> ProgrammeAction {
        do throws(OtklikError) {
            let known: Set<String> = ["kind", "within_hours", "channels", "template", "survey", "review_links"]
            if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
                throw OtklikError.invalid(unknown, "unknown field; the fields are \(known.sorted().joined(separator: ", "))")
            }
            let kind: ProgrammeAction.Kind = try choice(object, "kind", ProgrammeAction.Kind.allCases)
            let within = try integer(object, "within_hours", default: 24)
            guard (1...24 * 30).contains(within) else { throw OtklikError.invalid("within_hours", "between 1 and 720 hours") }
            var channels = ProgrammeAction.defaultChannels(kind)
            if let value = object["channels"] {
                guard let items = value as? [String], !items.isEmpty, items.allSatisfy({ !$0.isEmpty && $0.count <= 32 }) else {
                    throw OtklikError.invalid("channels", "a non-empty list of channel names (phone, sms, email, …)")
                }
                channels = items
            }
            var template: ProgrammeMessageTemplate?
            if kind == .message {
                template = try ProgrammeMessageTemplate.parse(object["template"])
            } else if object["template"] != nil {
                throw OtklikError.invalid("template", "only an action of kind message has a template")
            }
            var survey: String?
            if kind == .survey {
                guard let code = object["survey"] as? String, !code.isEmpty, code.count <= 64 else {
                    throw OtklikError.invalid("survey", "required for kind survey: the code of the survey to invite to")
                }
                survey = code
            } else if object["survey"] != nil {
                throw OtklikError.invalid("survey", "only an action of kind survey names a survey")
            }
            var reviewLinks: [String: String] = [:]
            if let value = object["review_links"] {
                guard kind == .message, let links = value as? [String: Any] else {
                    throw OtklikError.invalid("review_links", "an object {\"*\" or a location code: \"https://…\"} on an action of kind message")
                }
                for (location, raw) in links {
                    guard let url = raw as? String, url.hasPrefix("https://") || url.hasPrefix("http://"), url.count <= 500,
                        URL(string: url)?.host != nil, !url.contains(where: \.isWhitespace)
                    else { throw OtklikError.invalid("review_links.\(location)", "an http(s) address of at most 500 characters") }
                    reviewLinks[location] = url
                }
            }
            if let template, template.uses(ProgrammeMessageTemplate.reviewLink), reviewLinks.isEmpty {
                throw OtklikError.invalid("review_links", "the template uses {review_link}: give the review address for \"*\" (the organisation) or per location")
            }
            return ProgrammeAction(kind: kind, withinHours: within, channels: channels, template: template, survey: survey, reviewLinks: reviewLinks)
        } catch {
            throw error.prefixingField("action")
        }
    }

    static func parseLimits(_ value: Any?) throws(OtklikError) -> ContactLimits {
        guard let value, !(value is NSNull) else { return ContactLimits() }
        guard let object = value as? [String: Any] else { throw .invalid("limits", "an object") }
        do throws(OtklikError) {
            var limits = ContactLimits()
            if object["purpose"] != nil { limits.purpose = try choice(object, "purpose", ConsentPurpose.allCases) }
            limits.maxContacts = try integer(object, "max_contacts", default: limits.maxContacts)
            guard (1...50).contains(limits.maxContacts) else { throw OtklikError.invalid("max_contacts", "between 1 and 50") }
            limits.windowDays = try integer(object, "window_days", default: limits.windowDays)
            guard (1...365).contains(limits.windowDays) else { throw OtklikError.invalid("window_days", "between 1 and 365") }
            if let quiet = object["quiet_hours"] {
                guard let hours = quiet as? [String: Any], let from = hours["from"] as? String, let to = hours["to"] as? String else {
                    throw OtklikError.invalid("quiet_hours", "an object {\"from\": \"HH:MM\", \"to\": \"HH:MM\"}")
                }
                guard let start = minute(from) else { throw OtklikError.invalid("quiet_hours.from", "a time HH:MM") }
                guard let end = minute(to) else { throw OtklikError.invalid("quiet_hours.to", "a time HH:MM") }
                guard start != end else { throw OtklikError.invalid("quiet_hours", "from and to must differ") }
                limits.quietFromMinute = start
                limits.quietToMinute = end
            }
            return limits
        } catch {
            throw error.prefixingField("limits")
        }
    }

    /// The definition as JSON (sorted keys), read back by ``parse(_:)-(Data)`` to the same programme.
    public static func json(_ programme: Programme) -> Data {
        var action: [String: Any] = [
            "kind": programme.action.kind.rawValue, "within_hours": programme.action.withinHours, "channels": programme.action.channels,
        ]
        if let template = programme.action.template { action["template"] = template.json }
        if let survey = programme.action.survey { action["survey"] = survey }
        if !programme.action.reviewLinks.isEmpty { action["review_links"] = programme.action.reviewLinks }
        var trigger: Any = programme.schedule.map { $0.json as Any } ?? programme.prediction.map { $0.json as Any }
            ?? programme.stall.map { $0.json as Any } ?? programme.purchasePattern.map { $0.json as Any } ?? programme.trigger.rawValue
        if let resolution = programme.resolution { trigger = resolution.json }
        var root: [String: Any] = [
            "code": programme.code, "name": programme.name, "trigger": trigger,
            "audience": programme.audience.map(\.rawValue), "action": action,
            "limits": [
                "purpose": programme.limits.purpose.rawValue, "max_contacts": programme.limits.maxContacts,
                "window_days": programme.limits.windowDays,
                "quiet_hours": ["from": clock(programme.limits.quietFromMinute), "to": clock(programme.limits.quietToMinute)],
            ],
            "holdout": programme.holdoutShare, "global_holdout": programme.globalHoldout, "outcome": programme.outcome.rawValue,
            "outcome_days": programme.outcomeDays, "auto_pause": programme.autoPause, "status": programme.status.rawValue,
        ]
        if let expected = programme.expectedEffect { root["expected_effect"] = expected }
        if !programme.segments.isEmpty { root["segments"] = programme.segments }
        return (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h),
            (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }

    static func clock(_ minute: Int) -> String {
        String(format: "%02d:%02d", minute / 60, minute % 60)
    }

    static func text(_ object: [String: Any], _ key: String) throws(OtklikError) -> String {
        guard let value = object[key] as? String, !value.isEmpty else { throw .invalid(key, "a non-empty string is required") }
        return value
    }

    static func choice<T: RawRepresentable>(_ object: [String: Any], _ key: String, _ allowed: [T]) throws(OtklikError) -> T where T.RawValue == String {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        guard let raw = object[key] as? String else { throw .invalid(key, "required: one of \(names)") }
        guard let value = allowed.first(where: { $0.rawValue == raw }) else { throw .invalid(key, "'\(raw)' is not one of \(names)") }
        return value
    }

    static func number(_ object: [String: Any], _ key: String, default fallback: Double) throws(OtklikError) -> Double {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard !isBool(value), let number = value as? NSNumber, number.doubleValue.isFinite else {
            throw .invalid(key, "a number")
        }
        return number.doubleValue
    }

    static func integer(_ object: [String: Any], _ key: String, default fallback: Int) throws(OtklikError) -> Int {
        let value = try number(object, key, default: Double(fallback))
        guard value == value.rounded(), abs(value) < 1e9 else { throw .invalid(key, "a whole number") }
        return Int(value)
    }

    static func flag(_ object: [String: Any], _ key: String) throws(OtklikError) -> Bool {
        guard let value = object[key], !(value is NSNull) else { return false }
        guard isBool(value), let flag = value as? Bool else { throw .invalid(key, "true or false") }
        return flag
    }

    /// JSON's true and false (a boolean NSNumber, type code "c"), not the numbers 1 and 0.
    static func isBool(_ value: Any) -> Bool {
        if value is NSNumber { return String(cString: (value as! NSNumber).objCType) == "c" }
        return value is Bool
    }
}
