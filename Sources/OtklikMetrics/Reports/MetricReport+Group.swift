extension MetricReport {
    /// One row of a report: its key (dimension → label), its value and, where judged, its target.
    ///
    /// A row of a report built from a scan (``MetricReport/init(metric:tallies:minimumN:sample:)``) keeps its key as
    /// the report's dimension names beside the scan's labels, both arrays shared, and builds the dictionary only when
    /// `key` is read: a report of 2,000 staff does not allocate and hash 2,000 dictionaries (nor free them) that the
    /// JSON encoder reads once and most callers never. ``label(_:)`` reads one dimension's label without building it.
    public struct Group: Sendable, Codable, Equatable {
        private enum Key: Sendable {
            case dictionary([String: String])
            case labels(names: [String], labels: [String])
        }

        private var storedKey: Key
        public var value: MetricValue
        /// The row's target and its verdict, where the report's caller judges one (`GET /api/v1/metrics` with `by`:
        /// the row's location, service or region target, else the one of what the whole report covers).
        public var target: ReportedTarget?

        public init(key: [String: String], value: MetricValue) {
            storedKey = .dictionary(key)
            self.value = value
        }

        /// A row keyed by `labels[i]` for `names[i]` (a later name replaces an equal earlier one, as assigning does).
        init(names: [String], labels: [String], value: MetricValue) {
            storedKey = .labels(names: names, labels: labels)
            self.value = value
        }

        public var key: [String: String] {
            get {
                switch storedKey {
                case .dictionary(let key):
                    return key
                case .labels(let names, let labels):
                    var key = [String: String](minimumCapacity: names.count)
                    for (name, label) in zip(names, labels) { key[name] = label }
                    return key
                }
            }
            set { storedKey = .dictionary(newValue) }
        }

        /// One dimension's label (nil when the key has none), without building the key.
        public func label(_ dimension: String) -> String? {
            switch storedKey {
            case .dictionary(let key):
                return key[dimension]
            case .labels(let names, let labels):
                var found: String?
                for (name, label) in zip(names, labels) where name == dimension { found = label }
                return found
            }
        }

        public static func == (left: Group, right: Group) -> Bool {
            left.value == right.value && left.target == right.target && left.key == right.key
        }

        enum CodingKeys: String, CodingKey { case key, target }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            storedKey = .dictionary(try container.decode([String: String].self, forKey: .key))
            target = try container.decodeIfPresent(ReportedTarget.self, forKey: .target)
            value = try MetricValue(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encodeIfPresent(target, forKey: .target)
            try value.encode(to: encoder)
        }
    }
}
