/// The 55 standards of seed 001 in its order: the Russian text verbatim from the seed (lines joined), the English text
/// from the seed's English version (7a's "division making" corrected to "decision-making"). The seed writes 1c, 1e, 2c
/// and 5c with Cyrillic look-alike letters; the ids here are Latin (``MaturityCatalogue/latinId(_:)``).
extension MaturityCatalogue {
    public static let items: [MaturityItem] = [
        MaturityItem(
            id: "1a", domain: 1,
            textRu: "Миссия, ценности, приоритеты и показатели компании направлены на улучшение жизни клиентов",
            textEn: "Company purpose, values, priorities, and vision metrics focus on enriching customer lives"),
        MaturityItem(
            id: "1b", domain: 1,
            textRu: "Позиционирование бренда соответствует миссии и ценностям компании, которые заключаются в улучшении жизни клиентов и сотрудников, и связано с ценностным предложением для клиентов",
            textEn: "Brand(s) positioning aligns to company purpose and values of enriching customer and employee lives, and links to the customer value proposition"),
        MaturityItem(
            id: "1c", domain: 1,
            textRu: "Система показателей компании измеряет прогресс в достижении целей, ценностей и позиционирования бренда, ориентированных на клиента",
            textEn: "The company scorecard measures progress towards the company’s customer-centric purpose, values and brand positioning"),
        MaturityItem(
            id: "1d", domain: 1,
            textRu: "Руководители проходят обучение по клиентоориентированной миссии компании и тому, как это соотносится с их ролью и ответственностью",
            textEn: "Leaders are trained on the company’s customer purpose and how it relates to their role and accountability"),
        MaturityItem(
            id: "1e", domain: 1,
            textRu: "Руководители глубоко понимают связь между достижением своей цели и созданием ценности для компании и акционеров",
            textEn: "Leaders deeply understand the linkage between succeeding at their purpose and value creation for the firm and shareholders"),
        MaturityItem(
            id: "1f", domain: 1,
            textRu: "Центральная функция клиентского опыта устанавливает стандарты и удерживает фокус на ответственности бизнеса за выполнение обещаний клиентам",
            textEn: "A central CX function sets standards and holds the business accountable for delivering on the customer promise"),
        MaturityItem(
            id: "1g", domain: 1,
            textRu: "У всех руководителей есть сформированный и отслеживаемый персональный план по улучшению жизни клиентов, который включает в себя регулярное общение с клиентами и сотрудниками, чтобы понять их точку зрения",
            textEn: "All executives have a tracked personal plan in place for enriching customer lives, which includes regularly spending time with customers and employees to understand their point of view"),
        MaturityItem(
            id: "1h", domain: 1,
            textRu: "Внутренние коммуникации и отмечаемые успехи соответствуют целям компании, ориентированным на клиента",
            textEn: "Internal communication and celebrations align with the company’s customer-focused purpose"),
        MaturityItem(
            id: "1i", domain: 1,
            textRu: "Каждое заседание Правления начинается с обсуждения вопросов, связанных с клиентом",
            textEn: "Every Executive Committee meeting starts with a focus on the customer"),
        MaturityItem(
            id: "2a", domain: 2,
            textRu: "Мы регулярно собираем обратную связь сотрудников из разных источников, включая вопросы, связанные с опытом работы сотрудников и клиентов",
            textEn: "We regularly capture the Voice of Employee through multiple sources that include questions related to employee and customer experience"),
        MaturityItem(
            id: "2b", domain: 2,
            textRu: "Мы регулярно проводим коучинг сессии для сотрудников, чтобы помочь им понять, как они влияют на клиентов, и сформировать клиентоцентричное поведение",
            textEn: "We regularly conduct employee coaching sessions to support employees in understanding their impact on customers and building capabilities to demonstrate customer-centric behaviours"),
        MaturityItem(
            id: "2c", domain: 2,
            textRu: "Сотрудники получают вознаграждения и признание в зависимости от того, насколько их результаты соответствуют целям и ценностям компании, ориентированным на клиента",
            textEn: "Employees receive rewards and recognition based on their performance against the company’s customer-centric purpose and values"),
        MaturityItem(
            id: "2d", domain: 2,
            textRu: "Руководители всех уровней изучают отзывы сотрудников и разрабатывают на их основе планы действий",
            textEn: "Leaders at all levels review Voice of Employee feedback and develop action plans based on it"),
        MaturityItem(
            id: "2e", domain: 2,
            textRu: "У сотрудников есть простой способ поднимать проблемы и находить возможности для улучшения с помощью внутренних систем, процессов, политик, инструментов и т.д.",
            textEn: "Employees have an easy way to raise and elevate issues and opportunities for improvement with internal systems, processes, policies, tools, etc."),
        MaturityItem(
            id: "2f", domain: 2,
            textRu: "Внедрен замкнутый цикл обратной связи для информирования сотрудников о том, как решаются их проблемы",
            textEn: "A closed-loop process is in place to keep employees informed about how their issues are resolved"),
        MaturityItem(
            id: "2g", domain: 2,
            textRu: "Прием на работу, адаптация и управление результатами - все это отражает цели и ценности компании, ориентированные на клиента",
            textEn: "Hiring, onboarding, and performance management all reflect the company’s customer-centric purpose and values"),
        MaturityItem(
            id: "3a", domain: 3,
            textRu: "Мы отслеживаем обратную связь клиентов на четырех уровнях: конкурентный бенчмарк, отношение, клиентские пути и точки взаимодействия",
            textEn: "We track customer feedback at four levels: competitive benchmark, relationship, journeys, and interactions"),
        MaturityItem(
            id: "3b", domain: 3,
            textRu: "Мы делимся выводами со всеми командами, исходя из потребностей их работы, и данными, которые помогут улучшить клиентский опыт",
            textEn: "We share customer insights with all teams, based on the needs of their role, with relevant data to help improve the customer experience"),
        MaturityItem(
            id: "3c", domain: 3,
            textRu: "Все команды компании регулярно встречаются для обсуждения обратной связи клиентов, планирования действий и анализа соответствующих данных",
            textEn: "All teams across the company meet regularly to discuss customer feedback, plan actions, and review relevant data"),
        MaturityItem(
            id: "3d", domain: 3,
            textRu: "Мы придерживаемся высоких стандартов в отношении методологии сбора и анализа обратной связи клиентов, формулировок вопросов, построения выборки и контроля данных",
            textEn: "We have high standards for the methodology, wording, sampling, and controls used to collect and analyze customer feedback"),
        MaturityItem(
            id: "3e", domain: 3,
            textRu: "Мы используем качественную текстовую аналитику опросов и других источников обратной связи, чтобы понять смысл комментариев клиентов",
            textEn: "We use robust thematic analytics on surveys and other sources of feedback to understand the meaning behind customer comments"),
        MaturityItem(
            id: "3f", domain: 3,
            textRu: "У нас есть оперативные отчеты и дэшборды для анализа обратной связи клиентов",
            textEn: "We have live, visible reporting and dashboards to track customer feedback"),
        MaturityItem(
            id: "3g", domain: 3,
            textRu: "Ведется мониторинг результативности использования дэшбордов и внедрения улучшений",
            textEn: "Monitoring is in place to review the effectiveness on the usage of dashboards, closed loop process and elevations"),
        MaturityItem(
            id: "3h", domain: 3,
            textRu: "Отслеживается статус решения вопросов и ответа клиентам на их обращения",
            textEn: "Customers are followed up with after they take time to provide actionable feedback"),
        MaturityItem(
            id: "3i", domain: 3,
            textRu: "Есть простой механизм эскалации проблемы на нужный уровень принятия решений",
            textEn: "We have a simple mechanism in place for elevating customer issues to the appropriate level"),
        MaturityItem(
            id: "3j", domain: 3,
            textRu: "У нас есть соответствующие технологии и средства автоматизации, дающие возможность всем сотрудникам организации слышать, понимать и действовать в соответствии с обратной связью клиентов",
            textEn: "We have appropriate technology and automation in place to support listening, learning, and acting on customer feedback across the organization"),
        MaturityItem(
            id: "4a", domain: 4,
            textRu: "Мы создаем совместные базы данных, которые включают операционные, финансовые, клиентские и контекстные показатели для сегментации клиентов по всей совокупности доступных признаков",
            textEn: "We map customer data fields (operational, financial, customer, and contextual) to enable customer segmentation based on shared characteristics"),
        MaturityItem(
            id: "4b", domain: 4,
            textRu: "Мы соотносим выводы, полученные на клиентских данных, с конкретными бизнес-целями и инициативами",
            textEn: "We link insights from customer data to specific business goals and initiatives (e.g., acquisition, growth, retention)"),
        MaturityItem(
            id: "4c", domain: 4,
            textRu: "Разработана дорожная карта по устранению недостатка данных о клиентах и клиентском опыте",
            textEn: "A data roadmap is in place to close any gaps in customer and customer experience data"),
        MaturityItem(
            id: "4d", domain: 4,
            textRu: "Имеется единый профиль каждого клиента для понимания его потребностей, ценности, жизненного цикла и клиентских сценариев",
            textEn: "A single view of each customer is available to understand customer needs, value, lifecycle, and journeys"),
        MaturityItem(
            id: "4e", domain: 4,
            textRu: "Мы используем методы анализа данных для выявления возможностей по улучшению клиентского опыта",
            textEn: "We use data science techniques to identify opportunities to design improvements in customer experiences"),
        MaturityItem(
            id: "4f", domain: 4,
            textRu: "Мы проводим измеримые и контролируемые эксперименты для проверки и оценки новых идей по развитию клиентского опыта",
            textEn: "We perform measured, controlled experiments to pilot new customer experience ideas and track their results"),
        MaturityItem(
            id: "4g", domain: 4,
            textRu: "У нас есть необходимая технологическая база, позволяющая использовать широкие возможности управления данными",
            textEn: "We have a scalable technology foundation in place to enable data management capabilities"),
        MaturityItem(
            id: "5a", domain: 5,
            textRu: "Мы четко определили наших целевых клиентов и знаем их потребности и драйверы поведения",
            textEn: "We have clearly defined our target customers and know their needs and drivers of behavior"),
        MaturityItem(
            id: "5b", domain: 5,
            textRu: "Ценностное предложение основано на потребностях, драйверах и ожиданиях целевых клиентов",
            textEn: "The customer value proposition is deeply rooted in target customers’ needs, drivers and expectations"),
        MaturityItem(
            id: "5c", domain: 5,
            textRu: "Мы выявляем ключевые факторы, которые определяют потребительскую ценность, и используем их для дифференциации бренда",
            textEn: "We identify the key factors that drive customer value and use these to differentiate the brand"),
        MaturityItem(
            id: "5d", domain: 5,
            textRu: "Руководители регулярно анализируют факторы потребительской ценности для каждого приоритетного сегмента клиентов",
            textEn: "Executives regularly review the drivers of customer value for each priority customer segment"),
        MaturityItem(
            id: "5e", domain: 5,
            textRu: "Мы отслеживаем метрики «здоровья и развития» клиентов в соответствии с определенным набором целей",
            textEn: "We track customer health and growth rates against a defined set of goals"),
        MaturityItem(
            id: "5f", domain: 5,
            textRu: "Мы оцениваем ценность привлечения клиентов по рекомендациям (в сравнении со стоимостью привлечения через рекламу) и действуем в соответствии с этим",
            textEn: "We measure the value of earning (vs. buying) customers and act upon this"),
        MaturityItem(
            id: "5g", domain: 5,
            textRu: "Мы приоритизируем инвестиции в инициативы по клиентскому опыту исходя из их влияния на выручку, прибыль и лояльность клиентов",
            textEn: "We prioritize investments in customer experience initiatives based on their impact on revenue, profit and customer loyalty"),
        MaturityItem(
            id: "6a", domain: 6,
            textRu: "У нас есть унифицированный способ описания потребностей клиентов, их путей и точек касания",
            textEn: "We have a single, unified way of describing customer needs, journeys, and touchpoints"),
        MaturityItem(
            id: "6b", domain: 6,
            textRu: "Все команды придерживаются определенного набора общих принципов проектирования CX, которые соответствуют ценностному предложению",
            textEn: "All teams follow a defined set of common CX design principles that are aligned to our customer value proposition"),
        MaturityItem(
            id: "6c", domain: 6,
            textRu: "Члены команды проходят обучение методам проектирования CX и получают возможность вносить улучшения",
            textEn: "Team members receive training on CX design techniques and are empowered to make improvements"),
        MaturityItem(
            id: "6d", domain: 6,
            textRu: "Каждый сценарий клиента проектируется под конкретную потребность, но учитывает общие принципы дизайна и дорожную карту продукта",
            textEn: "Each customer need/journey has its own “north star” design linked to the design principles and product roadmap"),
        MaturityItem(
            id: "6e", domain: 6,
            textRu: "Мы разрабатываем целевой опыт и сценарии, ориентируясь на пользователя как на главного арбитра качества",
            textEn: "We design target experiences and journeys with the user as the ultimate arbiter of quality"),
        MaturityItem(
            id: "6f", domain: 6,
            textRu: "У каждого клиентского сценария есть один ответственный, кто отслеживает его финансовое влияние на бизнес (положительное или отрицательное)",
            textEn: "Each journey has a single point of accountability, who is responsible for tracking its financial impact (positive or negative)"),
        MaturityItem(
            id: "6g", domain: 6,
            textRu: "Владельцы сценариев имеют соответствующие инструменты и ресурсы, чтобы действовать",
            textEn: "Journey owners have the appropriate tools and resources to act"),
        MaturityItem(
            id: "6h", domain: 6,
            textRu: "Мы организуем команды вокруг потребностей клиентов и клиентских сценариев (буквально или посредством клиентоцентрично организованной операционной модели)",
            textEn: "We organize teams around customer needs and journeys (virtually or through a fully aligned operating model)"),
        MaturityItem(
            id: "6i", domain: 6,
            textRu: "У нас есть четкие планы по финансированию стратегических инициатив, и текущих улучшений клиентского пути для устранения разрывов или поддержки позиций на рынке",
            textEn: "We have clear plans for funding both strategic initiatives and ongoing improvements in the customer journey to close gaps or maintain market position"),
        MaturityItem(
            id: "6j", domain: 6,
            textRu: "Каждый сценарий пути клиента соответствует минимальным стандартам доступности, качества опыта и простоты использования во всех точках и каналах взаимодействия",
            textEn: "Every journey meets a minimum standard of accessibility, quality of experience, and ease of use across journey pathways and channels"),
        MaturityItem(
            id: "7a", domain: 7,
            textRu: "Каждый клиент имеет метрику впечатления, отнесен к одному из сегментов, основанных на потребностях, имеет свою оценку накопленной ценности (CLV) и стоимости привлечения (CAC), которые помогают принимать решения по клиенту",
            textEn: "Every customer has a sentiment metric, is assigned to a needs-based segment, and has their individual lifetime value (CLV) and customer acquisition cost (CAC) tracked to help guide decision-making"),
        MaturityItem(
            id: "7b", domain: 7,
            textRu: "Потенциальная ценность каждого клиента прогнозируется, осознается и используется для принятия решений",
            textEn: "The potential value of each customer is predicted, understood and used to guide decision-making"),
        MaturityItem(
            id: "7c", domain: 7,
            textRu: "Мы фиксируем наступление ключевых этапов жизненного цикла для каждого клиента",
            textEn: "We define key milestones for each customer throughout their lifecycle"),
        MaturityItem(
            id: "7d", domain: 7,
            textRu: "У нас есть возможность персонализировать действия, сообщения и предложения для каждого клиента, чтобы лучше привлекать новых клиентов, активировать промоутеров, снижать отток и усиливать клиентский менеджмент в целом",
            textEn: "We have the ability to personalize actions, messages, and offers for each customer in order to better attract new customers, activate promoters, reduce churn, and enhance account management"),
        MaturityItem(
            id: "7e", domain: 7,
            textRu: "Мы оснащаем сотрудников технологиями и средствами автоматизации, которые помогают им улучшить взаимодействие с клиентами",
            textEn: "We equip employees with technology and automation to help them improve interactions with customers"),
    ]
}
