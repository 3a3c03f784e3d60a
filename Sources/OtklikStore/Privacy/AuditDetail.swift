import Foundation
import OtklikCore

/// What an audit entry's detail says, as data (issue 21 item 4): a kind and its fields, stored as JSON in
/// `audit_log.facts` (migration 0059) beside `detail`, which keeps the same in English words (``sentence``) for
/// `GET /api/v1/audit` and `otklik audit list`. The page `/audit` renders the facts in its own language.
///
/// An entry written before 0059 has only its sentence. The sentences are few and fixed (every writer is in this
/// repository and wrote one of the forms of ``sentence``), so ``parse(action:detail:)`` reads them back; a detail
/// in none of these forms stays text, shown as stored.
public enum AuditDetail: Sendable, Equatable {
    /// `view` of the customer list (`list`).
    case customerList
    /// `view` of the queue of possible matches (`review queue`).
    case reviewQueue
    /// `view` of the customers most at risk of leaving, with their churn scores (`at-risk list`).
    case atRiskList
    /// `view` of a part of a customer's record (`value`, `churn`): the path after the customer's id.
    case section(String)
    /// `search` by these parameters (names, never their values: `by phone,q`).
    case search(parameters: [String])
    /// `export` to a file by the command line (`to file c1.json`).
    case exportFile(String)
    /// `erase`: the customers erased (`customers c1,c2`).
    case erased(customers: [String])
    /// `merge`: the merge's id, the customer absorbed into the survivor and the review that decided it, if any
    /// (`merge m1 absorbed c2 (review r1)`).
    case merged(merge: String, absorbed: String, review: String?)
    /// `unmerge`: the merge undone and the customer restored (`merge m1 restored c2`).
    case unmerged(merge: String, restored: String)
    /// `review`: a possible match kept apart (`review r1 kept apart`).
    case keptApart(review: String)
    /// `import` of customers: rows read and customers created (`customers: 3 rows, 2 created`).
    case customersImported(rows: Int, created: Int)
    /// `import` of consents: how many (`consents: 4`).
    case consentsImported(count: Int)
    /// `retention`: how many of each kind the round removed (`audit=1 comments=5`; kinds `audit`, `comments`,
    /// `contacts`, `deliveries`).
    case retention(removed: [String: Int])
    /// `role`: a user's role and scope before (none: the user had none) and after
    /// (`viewer over organisation → location_manager over locations L02`).
    case roleChanged(from: AuditRoleGrant?, to: AuditRoleGrant)

    /// The kind as stored in the JSON's `kind`.
    public var kind: String {
        switch self {
        case .customerList: return "customer_list"
        case .reviewQueue: return "review_queue"
        case .atRiskList: return "at_risk_list"
        case .section: return "section"
        case .search: return "search"
        case .exportFile: return "export_file"
        case .erased: return "erased"
        case .merged: return "merged"
        case .unmerged: return "unmerged"
        case .keptApart: return "kept_apart"
        case .customersImported: return "customers_imported"
        case .consentsImported: return "consents_imported"
        case .retention: return "retention"
        case .roleChanged: return "role_changed"
        }
    }

    /// The detail in English words, as `detail` has always held it (the API's and the command line's `detail`).
    public var sentence: String {
        switch self {
        case .customerList: return "list"
        case .reviewQueue: return "review queue"
        case .atRiskList: return "at-risk list"
        case .section(let path): return path
        case .search(let parameters): return "by " + parameters.joined(separator: ",")
        case .exportFile(let file): return "to file " + file
        case .erased(let customers): return "customers " + customers.joined(separator: ",")
        case .merged(let merge, let absorbed, let review):
            return "merge \(merge) absorbed \(absorbed)" + (review.map { " (review \($0))" } ?? "")
        case .unmerged(let merge, let restored): return "merge \(merge) restored \(restored)"
        case .keptApart(let review): return "review \(review) kept apart"
        case .customersImported(let rows, let created): return "customers: \(rows) rows, \(created) created"
        case .consentsImported(let count): return "consents: \(count)"
        case .retention(let removed): return removed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        case .roleChanged(let from, let to): return "\(from?.sentence ?? "-") → \(to.sentence)"
        }
    }
}

/// A role and its scope as an audit entry records them: the role's stored name (`location_manager`), the scope's
/// kind (`organisation`, `regions`, `locations`) and its codes, sorted.
public struct AuditRoleGrant: Sendable, Equatable, Codable {
    public var role: String
    public var scope: String
    public var codes: [String]

    public init(role: String, scope: String, codes: [String] = []) {
        self.role = role
        self.scope = scope
        self.codes = codes
    }

    public init(role: Role, scope: OrganisationScope) {
        switch scope {
        case .organisation: self.init(role: role.rawValue, scope: "organisation")
        case .regions(let codes): self.init(role: role.rawValue, scope: "regions", codes: codes.sorted())
        case .locations(let codes): self.init(role: role.rawValue, scope: "locations", codes: codes.sorted())
        }
    }

    /// `viewer over organisation`, `location_manager over locations L01,L02`.
    public var sentence: String {
        "\(role) over " + (codes.isEmpty ? scope : "\(scope) " + codes.joined(separator: ","))
    }
}
