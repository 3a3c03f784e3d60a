import OtklikCore

extension AppRequestContext {
    /// Whether the request's principal holds `permission` (false without one): for showing or hiding actions.
    func permits(_ permission: Permission) -> Bool { principal?.holds(permission) ?? false }

    /// The locations this request may see; a request without a principal sees none.
    var accessScope: AccessScope { principal?.scope ?? .locations([]) }

    /// Throws 404 "no <what> with id '<id>'" when a record at `location` is outside the scope: the same answer as a
    /// record that does not exist, so a scoped caller cannot learn that it does.
    func requireVisible(location: String?, _ what: String, id: String) throws {
        guard accessScope.allows(location: location) else {
            throw OtklikError(.notFound, "no \(what) with id '\(id)'", field: "id")
        }
    }

    /// ``requireVisible(location:_:id:)`` for a kind of record that may carry no location (an interaction, a transaction,
    /// a delivery): another location's record is 404, and one without a location answers a scoped caller 422 naming
    /// `scope_no_location` — it belongs to no service point, so to none of theirs — rather than a bare 403.
    func requireVisible(unlocated location: String?, _ what: String, id: String) throws {
        if location == nil, !accessScope.isOrganisation {
            throw OtklikError(
                .invalidInput,
                "this \(what) records no service point (\(Self.noLocationExample(what))), so it belongs to none of the locations this "
                    + "\(principal?.kind == .apiKey ? "API key" : "user") is limited to; ask a CX director or an administrator, or use a key over the whole organisation",
                field: "scope_no_location")
        }
        try requireVisible(location: location, what, id: id)
    }

    private static func noLocationExample(_ what: String) -> String {
        switch what {
        case "interaction": return "a call, chat or e-mail to queues that serve every service point"
        case "transaction": return "an online or remote purchase"
        default: return "its survey invitation names none"
        }
    }

    /// Refuses a batch (403 naming `items[i].location`, nothing written) when an item is outside a scoped key's locations
    /// or has none: a key limited to some locations writes only at them.
    func requireWritable(locations: [String?]) throws {
        guard !accessScope.isOrganisation else { return }
        let who = principal?.kind == .apiKey ? "API key" : "user"
        for (index, location) in locations.enumerated() where !accessScope.allows(location: location) {
            throw OtklikError(
                .forbidden,
                location.map { "location '\($0)' is outside the scope of this \(who)" }
                    ?? "the item names no location, and this \(who) writes only at its locations",
                field: "items[\(index)].location")
        }
    }

    /// Refuses one record (403 naming `field`, nothing written) when its location is outside a scoped principal's or
    /// it names none: ``requireWritable(locations:)`` for a write that is not a batch (an employee's issue).
    func requireWritable(location: String?, field: String) throws {
        guard !accessScope.isOrganisation, !accessScope.allows(location: location) else { return }
        let who = principal?.kind == .apiKey ? "API key" : "user"
        throw OtklikError(
            .forbidden,
            location.map { "location '\($0)' is outside the scope of this \(who)" } ?? "no location is named, and this \(who) writes only at its locations",
            field: field)
    }

    /// Refuses a batch of staff members' records (agent states: 403 naming `items[i].agent`, nothing written) when a staff
    /// member's service point (`staff.location`, from `locations`) is outside a scoped principal's, or the code is
    /// unknown: a key limited to some locations writes only for their staff.
    func requireWritable(staff codes: [String], locations: [String: String?], field: String = "agent") throws {
        guard !accessScope.isOrganisation else { return }
        let who = principal?.kind == .apiKey ? "API key" : "user"
        for (index, code) in codes.enumerated() where !accessScope.allows(location: locations[code] ?? nil) {
            throw OtklikError(
                .forbidden, "'\(code)' is not a member of staff at the locations of this \(who)", field: "items[\(index)].\(field)")
        }
    }

    /// A location filter (empty = all) narrowed to the scope: all the scope's locations when none is requested;
    /// 403 naming `field` when a requested location is outside the scope, or the scope holds none.
    func scopedLocations(_ requested: Set<String>, field: String = "location") throws -> Set<String> {
        let who = principal?.kind == .apiKey ? "API key" : "user"
        if let codes = accessScope.locationCodes, !requested.isSubset(of: codes) {
            let outside = requested.subtracting(codes).sorted().joined(separator: ",")
            throw OtklikError(.forbidden, "location \(outside) is outside the scope of this \(who)", field: field)
        }
        guard let narrowed = accessScope.narrow(requested) else {
            throw OtklikError(.forbidden, "the scope of this \(who) holds no locations", field: field)
        }
        return narrowed
    }

    /// A list's location filter (nil: all) within the scope: a scoped caller's "all" is their locations; a requested
    /// location outside the scope answers 404, as one that does not exist would.
    func visibleLocations(_ requested: [String]?) throws -> [String]? {
        guard let codes = accessScope.locationCodes else { return requested }
        guard let requested else { return codes.sorted() }
        if let outside = requested.first(where: { !codes.contains($0) }) {
            throw OtklikError(.notFound, "no location '\(outside)'", field: "location")
        }
        return requested
    }
}
