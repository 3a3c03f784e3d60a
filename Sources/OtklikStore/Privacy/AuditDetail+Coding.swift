import Foundation

/// The JSON of ``AuditDetail`` (`audit_log.facts` and the API's `facts`): one flat object, `kind` and that kind's fields —
/// `section`; `parameters`; `file`; `customers`; `merge`, `absorbed`, `review`; `merge`, `restored`; `review`; `rows`,
/// `created`; `count`; `removed` (kind → count); `from` (null: none), `to` (each `role`, `scope`, `codes`).
extension AuditDetail: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, section, parameters, file, customers, merge, absorbed, restored, review, rows, created, count, removed, from, to
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "customer_list": self = .customerList
        case "review_queue": self = .reviewQueue
        case "at_risk_list": self = .atRiskList
        case "section": self = .section(try c.decode(String.self, forKey: .section))
        case "search": self = .search(parameters: try c.decode([String].self, forKey: .parameters))
        case "export_file": self = .exportFile(try c.decode(String.self, forKey: .file))
        case "erased": self = .erased(customers: try c.decode([String].self, forKey: .customers))
        case "merged":
            self = .merged(
                merge: try c.decode(String.self, forKey: .merge), absorbed: try c.decode(String.self, forKey: .absorbed),
                review: try c.decodeIfPresent(String.self, forKey: .review))
        case "unmerged": self = .unmerged(merge: try c.decode(String.self, forKey: .merge), restored: try c.decode(String.self, forKey: .restored))
        case "kept_apart": self = .keptApart(review: try c.decode(String.self, forKey: .review))
        case "customers_imported": self = .customersImported(rows: try c.decode(Int.self, forKey: .rows), created: try c.decode(Int.self, forKey: .created))
        case "consents_imported": self = .consentsImported(count: try c.decode(Int.self, forKey: .count))
        case "retention": self = .retention(removed: try c.decode([String: Int].self, forKey: .removed))
        case "role_changed":
            self = .roleChanged(from: try c.decodeIfPresent(AuditRoleGrant.self, forKey: .from), to: try c.decode(AuditRoleGrant.self, forKey: .to))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown audit detail kind \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .customerList, .reviewQueue, .atRiskList: break
        case .section(let path): try c.encode(path, forKey: .section)
        case .search(let parameters): try c.encode(parameters, forKey: .parameters)
        case .exportFile(let file): try c.encode(file, forKey: .file)
        case .erased(let customers): try c.encode(customers, forKey: .customers)
        case .merged(let merge, let absorbed, let review):
            try c.encode(merge, forKey: .merge)
            try c.encode(absorbed, forKey: .absorbed)
            try c.encode(review, forKey: .review)
        case .unmerged(let merge, let restored):
            try c.encode(merge, forKey: .merge)
            try c.encode(restored, forKey: .restored)
        case .keptApart(let review): try c.encode(review, forKey: .review)
        case .customersImported(let rows, let created):
            try c.encode(rows, forKey: .rows)
            try c.encode(created, forKey: .created)
        case .consentsImported(let count): try c.encode(count, forKey: .count)
        case .retention(let removed): try c.encode(removed, forKey: .removed)
        case .roleChanged(let from, let to):
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
        }
    }

    /// The JSON stored in `audit_log.facts`, keys sorted.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and arrays of them cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The facts stored as `json`; nil when they are not one of the kinds this version knows.
    public static func decode(json: String) -> AuditDetail? {
        try? JSONDecoder().decode(AuditDetail.self, from: Data(json.utf8))
    }
}
