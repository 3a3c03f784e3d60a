/// One condition of a segment: an attribute compared with a value. A customer without the attribute (never bought, no
/// NPS answer, not scored by the churn model) meets no rule on it.
public struct SegmentRule: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case text(String)
        case numbers([Double])
        case texts([String])
    }

    public var attribute: SegmentAttribute
    public var op: SegmentOperator
    public var value: Value

    public init(attribute: SegmentAttribute, op: SegmentOperator, value: Value) {
        self.attribute = attribute
        self.op = op
        self.value = value
    }

    public func matches(_ profile: CustomerProfile) -> Bool {
        if attribute.isText {
            guard let actual = profile.text(attribute) else { return false }
            switch value {
            case .text(let expected): return actual == expected
            case .texts(let list): return list.contains(actual)
            default: return false
            }
        }
        guard let actual = profile.number(attribute) else { return false }
        switch (op, value) {
        case (.eq, .number(let x)): return actual == x
        case (.gte, .number(let x)): return actual >= x
        case (.lte, .number(let x)): return actual <= x
        case (.in, .numbers(let list)): return list.contains(actual)
        case (.between, .numbers(let pair)) where pair.count == 2: return pair[0] <= actual && actual <= pair[1]
        default: return false
        }
    }
}
