import OtklikCore

extension PublicServiceFacts {
    /// `services_online_share`: the share of the catalogue's services that can be obtained online, over the
    /// services whose `available_online` is stated; by `service` at most (each service is then 0 or 100 %),
    /// filtered by `service`. The whole catalogue is counted, so the minimum n does not apply.
    static func catalogueReport(_ kpi: PublicServiceKPI, _ query: ProcessQuery, catalogue: [String: Bool?]) throws(OtklikError) -> MetricReport {
        if let bad = query.dimensions.first(where: { $0 != .service }) {
            throw .invalid("by", "services_online_share counts the service catalogue, which has no \(bad.rawValue); use service")
        }
        let filter = query.filter
        if !filter.queues.isEmpty || !filter.agents.isEmpty || !filter.locations.isEmpty || !filter.regions.isEmpty || !filter.channels.isEmpty {
            throw .invalid("service", "services_online_share counts the service catalogue: filter it by service only")
        }
        var overall = OutcomeTally()
        var groups: [[String]: OutcomeTally] = [:]
        var unstated = 0
        for (code, available) in catalogue.sorted(by: { $0.key < $1.key }) where CallFilter.admits(filter.services, code) {
            guard let available else {
                unstated += 1
                continue
            }
            overall.add(success: available)
            if !query.dimensions.isEmpty { groups[[code], default: OutcomeTally()].add(success: available) }
        }
        let names = query.dimensions.map(\.rawValue)
        return MetricReport(
            metric: kpi.kind.rawValue, name: kpi.name, definition: kpi.definition, minimumN: 1, dimensions: names,
            groups: groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, tally in
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(names, key)), value: tally.evaluate(kpi.kind, minimumN: 1))
            },
            overall: overall.evaluate(kpi.kind, minimumN: 1),
            notes: ["services without available_online stated, left out: \(unstated)", "the whole catalogue as it stands now; from and to do not apply"])
    }
}
