import Foundation
import OtklikStore

/// An audit entry's facts (``AuditDetail``) in the page's language: one sentence from the interface text
/// (`audit_d_*` in `i18n/access/{ru,en}.json`) with the entry's ids, codes and counts put in its `{placeholders}` in one
/// pass, so a value that looks like a placeholder stays as it is; the page escapes the result.
enum AuditDetailText {
    static func words(_ detail: AuditDetail, text: [String: String]) -> String {
        func say(_ key: String, _ fallback: String, _ values: [String: String] = [:]) -> String {
            fill(text[key] ?? fallback, values)
        }
        switch detail {
        case .customerList: return say("audit_d_customer_list", "the list of customers")
        case .reviewQueue: return say("audit_d_review_queue", "the queue of possible matches")
        case .atRiskList: return say("audit_d_at_risk_list", "the customers most at risk of leaving")
        case .section(let path):
            return say("audit_d_section", "part: {section}", ["section": text["audit_section_\(path)"] ?? path])
        case .search(let parameters): return say("audit_d_search", "by {parameters}", ["parameters": parameters.joined(separator: ", ")])
        case .exportFile(let file): return say("audit_d_export_file", "to the file {file}", ["file": file])
        case .erased(let customers): return say("audit_d_erased", "erased: {customers}", ["customers": customers.joined(separator: ", ")])
        case .merged(let merge, let absorbed, nil):
            return say("audit_d_merged", "merge {merge}: {absorbed} absorbed", ["merge": merge, "absorbed": absorbed])
        case .merged(let merge, let absorbed, let review?):
            return say("audit_d_merged_review", "merge {merge}: {absorbed} absorbed (review {review})", ["merge": merge, "absorbed": absorbed, "review": review])
        case .unmerged(let merge, let restored):
            return say("audit_d_unmerged", "merge {merge} undone: {restored} restored", ["merge": merge, "restored": restored])
        case .keptApart(let review): return say("audit_d_kept_apart", "review {review}: kept apart", ["review": review])
        case .customersImported(let rows, let created):
            return say("audit_d_customers_imported", "customers: {rows} rows, {created} created", ["rows": String(rows), "created": String(created)])
        case .consentsImported(let count): return say("audit_d_consents_imported", "consents: {count}", ["count": String(count)])
        case .retention(let removed):
            let counts = removed.sorted { $0.key < $1.key }.map { (text["audit_retention_\($0.key)"] ?? $0.key) + ": " + String($0.value) }
            return say("audit_d_retention", "removed: {counts}", ["counts": counts.joined(separator: "; ")])
        case .roleChanged(let from, let to):
            return say("audit_d_role", "{from} → {to}", ["from": from.map { grant($0, text: text) } ?? (text["audit_d_role_none"] ?? "no role"), "to": grant(to, text: text)])
        }
    }

    /// "Viewer, whole organisation", "Location manager, locations: L01, L02" — the role's name as on `/admin/users`,
    /// the codes as stored.
    static func grant(_ grant: AuditRoleGrant, text: [String: String]) -> String {
        let role = text["role_\(grant.role)"] ?? grant.role
        let scope: String
        switch grant.scope {
        case "organisation": scope = text["audit_scope_organisation"] ?? "whole organisation"
        case "regions", "locations": scope = (text["audit_scope_\(grant.scope)"] ?? grant.scope) + ": " + grant.codes.joined(separator: ", ")
        default: scope = ([grant.scope] + grant.codes).joined(separator: " ")
        }
        return role + ", " + scope
    }

    /// `template` with each `{name}` of `values` replaced, in one pass from left to right; an unknown `{…}` stays.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                result += value
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }
}
