import Foundation

/// An escalation's history line as the store records it, `level 1 (manager): S007 — deadline passed`, read back
/// so a page can say it in the reader's language («Уровень 1 — руководитель точки: Иванова (S007) — срок истёк»).
struct EscalationLine: Equatable {
    var level: Int
    /// The staff code of the new owner; nil when nobody holds the role.
    var target: String?
    /// `deadline passed`, `rule 'name'`, or the words a person typed.
    var reason: String?

    init?(_ line: String) {
        guard let match = line.wholeMatch(of: /level (\d+) \(([a-z_]*)\): (.*)/), let level = Int(match.1) else { return nil }
        self.level = level
        let rest = String(match.3)
        let parts = rest.components(separatedBy: " — ")
        let who = parts[0]
        target = who.hasPrefix("no ") ? nil : who
        reason = parts.count > 1 ? parts.dropFirst().joined(separator: " — ") : nil
    }

    func text(_ text: [String: String], names: ReferenceNames) -> String {
        var line = text["escalation_\(level)"] ?? "level \(level)"
        line += ": " + (target.map { names.name(.staff, $0, text: text) + " (\($0))" } ?? (text["escalation_nobody"] ?? "—"))
        guard let reason else { return line }
        if reason == "deadline passed" { return line + " — " + (text["escalation_reason_deadline"] ?? reason) }
        if let rule = reason.wholeMatch(of: /rule '(.*)'/) { return line + " — " + (text["escalation_reason_rule"] ?? "rule") + " «\(rule.1)»" }
        return line + " — " + reason
    }
}
