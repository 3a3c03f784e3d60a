import OtklikCore

/// A service standard as data, in the "Event – Tasks – Actions and phrases" form: for each event, the tasks staff
/// must do, the phrases they are expected to say and the words they must not use.
///
/// JSON: `{"name": …, "events": [{"event": "negative_press", "tasks": [{"task": …, "phrases": [...]}],
/// "forbidden": [...]}]}`.
public struct ServiceStandard: Sendable, Codable, Equatable {
    public var name: String
    public var events: [Event]

    public init(name: String, events: [Event]) {
        self.name = name
        self.events = events
    }

    /// One event and what the standard requires when it happens.
    public struct Event: Sendable, Codable, Equatable {
        /// The event's code, e.g. `negative_press` or `complaint:waiting_time`.
        public var event: String
        public var tasks: [Task]
        /// Words and phrases staff must not say during this event (in addition to the global trigger list).
        public var forbidden: [String]

        public init(event: String, tasks: [Task], forbidden: [String] = []) {
            self.event = event
            self.tasks = tasks
            self.forbidden = forbidden
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            event = try container.decode(String.self, forKey: .event)
            tasks = try container.decodeIfPresent([Task].self, forKey: .tasks) ?? []
            forbidden = try container.decodeIfPresent([String].self, forKey: .forbidden) ?? []
        }

        /// The same event built from a stored playbook: its phrases become one task's required phrases.
        public init(playbook: Playbook, forbidden: [String] = []) {
            self.init(
                event: playbook.event,
                tasks: [Task(task: playbook.titleEn, actions: playbook.tasks, phrases: playbook.phrases)],
                forbidden: forbidden)
        }
    }

    /// A task of an event: what to do (actions, not checkable in a transcript) and what to say (phrases, checked).
    public struct Task: Sendable, Codable, Equatable {
        public var task: String
        public var actions: [String]
        /// Phrases that must appear in the conversation (any of `alternatives` separated by `|` counts).
        public var phrases: [String]

        public init(task: String, actions: [String] = [], phrases: [String]) {
            self.task = task
            self.actions = actions
            self.phrases = phrases
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            task = try container.decode(String.self, forKey: .task)
            actions = try container.decodeIfPresent([String].self, forKey: .actions) ?? []
            phrases = try container.decodeIfPresent([String].self, forKey: .phrases) ?? []
        }
    }

    /// The event with this code, if the standard has one.
    public func event(_ code: String) -> Event? {
        events.first { $0.event == code }
    }

    /// An example after seed 002's "customer pressed the red button": greet, apologise, ask, offer a solution, thank.
    public static let example = ServiceStandard(name: "Red button", events: [
        Event(
            event: "negative_press",
            tasks: [
                Task(task: "Greet and introduce yourself", phrases: ["здравствуйте меня зовут|hello my name is"]),
                Task(task: "Apologise for the inconvenience", phrases: ["приносим извинения за неудобства|извините за ожидание|we apologise for the inconvenience|sorry for the wait"]),
                Task(task: "Find out what went wrong", actions: ["listen without interrupting"], phrases: ["расскажите пожалуйста что случилось|could you tell me what happened"]),
                Task(task: "Offer a solution", phrases: ["мы можем предложить|we can offer"]),
                Task(task: "Thank the customer", phrases: ["спасибо за обратную связь|thank you for your feedback"]),
            ],
            forbidden: ["успокойтесь", "не положено", "calm down", "not my job"])
    ])
}
