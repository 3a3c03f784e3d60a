import Foundation

extension AuditDetail {
    /// The facts of an entry written before migration 0059, read back from its English `detail`: each action's writers
    /// wrote one of the fixed forms of ``sentence``, so a detail in one of them is parsed — only when it reads back
    /// exactly (``sentence`` of the result is `detail` again) — and anything else is nil (the page shows it as stored).
    public static func parse(action: String, detail: String?) -> AuditDetail? {
        guard let detail, !detail.isEmpty, let parsed = candidate(action: action, detail: detail), parsed.sentence == detail else { return nil }
        return parsed
    }

    private static func candidate(action: String, detail: String) -> AuditDetail? {
        let words = detail.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        func list(_ text: String) -> [String]? {
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return items.contains(where: \.isEmpty) ? nil : items
        }
        switch action {
        case "view":
            if detail == "list" { return .customerList }
            if detail == "review queue" { return .reviewQueue }
            if detail == "at-risk list" { return .atRiskList }
            return words.count == 1 ? .section(detail) : nil
        case "search":
            return detail.hasPrefix("by ") ? list(String(detail.dropFirst(3))).map { .search(parameters: $0) } : nil
        case "export":
            return detail.hasPrefix("to file ") ? .exportFile(String(detail.dropFirst(8))) : nil
        case "erase":
            return detail.hasPrefix("customers ") ? list(String(detail.dropFirst(10))).map { .erased(customers: $0) } : nil
        case "merge":
            guard words.count >= 4, words[0] == "merge", words[2] == "absorbed" else { return nil }
            if words.count == 4 { return .merged(merge: words[1], absorbed: words[3], review: nil) }
            guard words.count == 6, words[4] == "(review", words[5].hasSuffix(")") else { return nil }
            return .merged(merge: words[1], absorbed: words[3], review: String(words[5].dropLast()))
        case "unmerge":
            guard words.count == 4, words[0] == "merge", words[2] == "restored" else { return nil }
            return .unmerged(merge: words[1], restored: words[3])
        case "review":
            guard words.count == 4, words[0] == "review", words[2] == "kept", words[3] == "apart" else { return nil }
            return .keptApart(review: words[1])
        case "import":
            if words.count == 5, words[0] == "customers:", words[2] == "rows,", words[4] == "created", let rows = Int(words[1]), let created = Int(words[3]) {
                return .customersImported(rows: rows, created: created)
            }
            if words.count == 2, words[0] == "consents:", let count = Int(words[1]) { return .consentsImported(count: count) }
            return nil
        case "retention":
            var removed: [String: Int] = [:]
            for word in words {
                let pair = word.split(separator: "=", omittingEmptySubsequences: false)
                guard pair.count == 2, !pair[0].isEmpty, let count = Int(pair[1]) else { return nil }
                removed[String(pair[0])] = count
            }
            return .retention(removed: removed)
        case "role":
            let sides = detail.components(separatedBy: " → ")
            guard sides.count == 2, let to = grant(sides[1]) else { return nil }
            if sides[0] == "-" { return .roleChanged(from: nil, to: to) }
            guard let from = grant(sides[0]) else { return nil }
            return .roleChanged(from: from, to: to)
        default:
            return nil
        }
    }

    /// `viewer over organisation`, `regional_manager over regions R1,R2`.
    private static func grant(_ text: String) -> AuditRoleGrant? {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count >= 3, words[1] == "over" else { return nil }
        switch (words[2], words.count) {
        case ("organisation", 3): return AuditRoleGrant(role: words[0], scope: "organisation")
        case ("regions", 4), ("locations", 4):
            let codes = words[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return codes.contains(where: \.isEmpty) ? nil : AuditRoleGrant(role: words[0], scope: words[2], codes: codes)
        default: return nil
        }
    }
}
