"""Demo projects funded by the European Union: the seed documents' Covenant of Mayors East and WECOOP family.

Sources: seeds 001 and 003 (Covenant of Mayors East), 002 (WECOOP 2); the
pages linked from each record. See `demo_data.py` for how dates,
percentages and markers are written.
"""

from .demo_data import (
    ALMATY,
    CAREC,
    CENTRAL_ASIA,
    EU,
    EUR,
    GIZ,
    UBA_AUSTRIA,
    T,
    named,
    project,
)

FIVE = [(code, "20") for code in CENTRAL_ASIA]

ENERGY_CITIES = named(
    "Energy Cities (European association of local authorities)",
    "Energy Cities — Европейская ассоциация местных властей",
    "Energy Cities — жергілікті билік органдарының еуропалық қауымдастығы",
    type="21",
)
CLIMATE_ALLIANCE = named(
    "Climate Alliance",
    "Климатический альянс (Climate Alliance)",
    "«Климат альянсы» жергілікті билік органдарының еуропалық қауымдастығы",
    type="21",
)
EECU = named(
    "Association of Energy Efficient Cities of Ukraine",
    "Ассоциация «Энергоэффективные города Украины»",
    "«Украинаның қуатты үнемдейтін қалалары» қауымдастығы",
    type="21",
)
MWH = named("Montgomery Watson Harza (MWH)", type="71")
RECC = named(
    "Regional Environmental Centre for the Caucasus (RECC)",
    "Региональный экологический центр Кавказа (RECC)",
    "Кавказдың өңірлік экологиялық орталығы (RECC)",
    type="21",
)
HESSEN_FORST = named(
    "Landesbetrieb HessenForst", "Лесное управление земли Гессен (HessenForst)",
    "Гессен жерінің орман басқармасы (HessenForst)", type="15",
)  # fmt: skip

PROJECTS = [
    project(
        1,
        title=T(
            "Мэрлердің уағдаластығы – Шығыс: Шығыс серіктестіктің және Орталық Азия қалаларының Мэрлердің "
            "уағдаластығына қатысуын қолдау",
            "Соглашение мэров – Восток: поддержка участия городов Восточного партнёрства и Центральной Азии "
            "в Соглашении мэров",
            "Covenant of Mayors East: supporting the participation of Eastern Partnership and Central Asian cities "
            "in the Covenant of Mayors",
        ),
        description=T(
            "ЕО жобасы Шығыс Еуропа, Кавказ және Орталық Азиядағы жергілікті билік органдарына қазба отындарына "
            "тәуелділікті азайтуға және қуатпен қамту қауіпсіздігін арттыруға көмектесті: қалалар Мэрлердің "
            "уағдаластығына қол қойып, тұрақты энергетикалық даму жөніндегі іс-қимыл жоспарларын (ТЭДІЖ) әзірлеу "
            "мен жүзеге асыруда қолдау алды. Мақсат — қуатты үнемдеу және қайта жаңартылатын қуат арқылы 2020 "
            "жылға қарай көмірқышқыл газы шығарындыларын кемінде 20%-ға азайту. Орталық Азияда Уағдаластыққа 15 "
            "қала қосылды, олардың ішінде Қазақстандағы Астана, Ақсу, Лисаковск, Қарағанды, Петропавл, Сәтбаев, "
            "Тараз, Теміртау және Жезқазған, Қырғызстандағы Ош пен Талас, Тәжікстандағы Сомониён.",
            "Проект ЕС помогал местным органам власти Восточной Европы, Кавказа и Центральной Азии снижать "
            "зависимость от ископаемого топлива и повышать энергетическую безопасность: города присоединялись "
            "к Соглашению мэров и получали поддержку в подготовке и реализации Планов действий по устойчивому "
            "энергетическому развитию (ПДУЭР). Цель — за счёт энергосбережения и возобновляемой энергии сократить "
            "выбросы CO2 не менее чем на 20% к 2020 году. В Центральной Азии к Соглашению присоединились 15 "
            "городов, в их числе Астана, Аксу, Лисаковск, Караганда, Петропавловск, Сатпаев, Тараз, Темиртау и "
            "Жезказган в Казахстане, Ош и Талас в Кыргызстане и Сомониён в Таджикистане.",
            "The EU project helped local authorities in Eastern Europe, the Caucasus and Central Asia reduce their "
            "dependence on fossil fuels and improve their energy security: cities signed the Covenant of Mayors "
            "and were supported in preparing and implementing Sustainable Energy Action Plans (SEAP), to cut CO2 "
            "emissions by at least 20% by 2020 through energy saving and renewable energy. In Central Asia 15 "
            "cities joined the Covenant, among them Astana, Aksu, Lisakovsk, Karaganda, Petropavlovsk, Satpayev, "
            "Taraz, Temirtau and Zhezkazgan in Kazakhstan, Osh and Talas in Kyrgyzstan and Somoniyon in Tajikistan.",
        ),
        target_groups=T(
            "Жергілікті билік органдары (қазіргі және ықтимал қол қоюшылар), ұлттық және субұлттық билік "
            "органдары, жергілікті билік органдарының желілері, донорлар мен қаржы институттары, ҮЕҰ, қуат "
            "агенттіктері, жеке сектор, ғылыми қауымдастық, азаматтар.",
            "Местные органы власти (нынешние и потенциальные подписанты), национальные и субнациональные органы "
            "власти, сети местных органов власти, доноры и финансовые институты, НПО, энергетические агентства, "
            "частный сектор, научное сообщество, граждане.",
            "Local authorities (signatories and potential signatories), national and sub-national authorities, "
            "networks of local authorities, donors and financial institutions, NGOs, energy agencies, the private "
            "sector, academia, citizens.",
        ),
        status="4",
        # Seed 001: September 2011 – June 2015; the final report covers 19 September 2011 – 18 December 2015.
        dates={"1": "2011-09-19", "2": "2011-09-19", "3": "2015-06-30", "4": "2015-12-18"},
        countries=["AM", "AZ", "BY", "GE", "KZ", "KG", "MD", "TJ", "TM", "UA", "UZ"],
        sectors=[("23183", 50), ("23110", 30), ("43030", 20)],
        markers={"6": 2},
        funders=[EU],
        implementers=[ENERGY_CITIES, CLIMATE_ALLIANCE, EECU, CAREC],
        # waterunites-ca.org: EUR 4,032,780 for 2011–2015; CAREC's share was EUR 413,500.
        budgets=[(4032780, EUR, "2011-09-19", "2015-12-18")],
        locations=[ALMATY],
        documents=[
            (
                "http://www.soglasheniemerov.eu/index_ru.html",
                T("Мэрлердің уағдаластығы", "Соглашение мэров", "Covenant of Mayors"),
                ["ru"],
            ),
            (
                "https://carececo.org/en/main/activity/projects/coglashenie-merov-vostok-ili-podderzhka-uchastiya-"
                "vostochnogo-partnerstva-i-gorodov-tsentralnoy-azii/",
                T("CAREC: жоба туралы", "РЭЦЦА: о проекте", "CAREC: about the project"),
                ["en"],
            ),
            (
                "https://waterunites-ca.org/project/support-for-participation-of-eeca-cities-in-the-covenant-of-mayors/",
                T("Жоба картасы", "Карточка проекта", "Project card"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        2,
        title=T(
            "ЕО-ның Орталық Азияға арналған өңірлік экологиялық бағдарламасы (EURECA)",
            "Региональная экологическая программа ЕС для Центральной Азии (EURECA)",
            "Regional Environmental Programme for Central Asia (EURECA)",
        ),
        description=T(
            "ЕО-ның Орталық Азия стратегиясы аясында 2009 жылы қабылданған (DCI-ASIE/2009/021-337 шешімі) "
            "Орталық Азиямен экологиялық ынтымақтастықтың негіздемелік бағдарламасы. Төрт құрамдас бөлігі бар: "
            "қоршаған орта және су ресурстары саласындағы ынтымақтастық платформасы (WECOOP), ормандар мен "
            "биоәртүрлілікті басқару, соның ішінде экологиялық мониторинг (FLERMONECA), су шаруашылығы және "
            "бассейндік ұйымдардың серіктестігі (WMBOCA) және экологиялық хабардарлықты арттыру (AWARE).",
            "Рамочная программа ЕС по экологическому сотрудничеству с Центральной Азией, принятая в 2009 году "
            "в рамках Стратегии ЕС для Центральной Азии (решение DCI-ASIE/2009/021-337). Четыре компонента: "
            "Платформа сотрудничества в области окружающей среды и водных ресурсов (WECOOP), управление лесами "
            "и биоразнообразием, включая экологический мониторинг (FLERMONECA), партнёрство водохозяйственных и "
            "бассейновых организаций (WMBOCA) и повышение экологической осведомлённости (AWARE).",
            "The EU's umbrella programme for environmental cooperation with Central Asia, adopted in 2009 under "
            "the EU Strategy for Central Asia (decision DCI-ASIE/2009/021-337). Four components: the Environment "
            "and Water Cooperation Platform (WECOOP), forest and biodiversity governance including environmental "
            "monitoring (FLERMONECA), a partnership of water management and basin organisations (WMBOCA), and "
            "environmental awareness-raising (AWARE).",
        ),
        status="4",
        dates={"1": "2009-01-01", "3": "2015-12-31"},
        countries=FIVE,
        sectors=[("41010", 50), ("14010", 30), ("41030", 20)],
        markers={"5": 1, "7": 1},
        funders=[EU],
        implementers=[GIZ, CAREC, UBA_AUSTRIA],
        budgets=[(9497027, EUR, "2009-01-01", "2015-12-31")],
        related=[("2", 3), ("2", 6)],
        documents=[
            (
                "https://waterunites-ca.org/project/regional-environmental-programme-for-central-asia-eureca/",
                T("Бағдарлама картасы", "Карточка программы", "Programme card"),
                ["en"],
            )
        ],
    ),
    project(
        3,
        title=T(
            "ЕО мен Орталық Азияның қоршаған орта және су ресурстары саласындағы кеңейтілген өңірлік "
            "ынтымақтастығын өңірлік үйлестіру және қолдау (WECOOP)",
            "Региональная координация и поддержка расширенного регионального сотрудничества ЕС и Центральной "
            "Азии в области окружающей среды и водных ресурсов (WECOOP)",
            "Regional coordination and support for the EU–Central Asia enhanced regional cooperation on "
            "environment and water (WECOOP)",
        ),
        description=T(
            "WECOOP-тың бірінші кезеңі, EURECA бағдарламасының құрамдас бөлігі: ЕО мен Орталық Азияның қоршаған "
            "орта және су ресурстары саласындағы ынтымақтастық платформасын қолдады — жоғары деңгейдегі "
            "кездесулер және экологиялық басқару мен климаттың өзгеруі жөніндегі бірлескен сараптамалық жұмыс "
            "тобы. Орындаушы — GITEC және BARS Consulting компанияларымен консорциумдағы Landell Mills Ltd "
            "(262-949 қызмет көрсету келісімшарты).",
            "Первый этап WECOOP, компонент программы EURECA: поддержка Платформы сотрудничества ЕС и Центральной "
            "Азии в области окружающей среды и водных ресурсов — встречи высокого уровня и совместная экспертная "
            "рабочая группа по экологическому управлению и изменению климата. Исполнитель — Landell Mills Ltd в "
            "консорциуме с GITEC и BARS Consulting (сервисный контракт 262-949).",
            "First phase of WECOOP, a component of EURECA: support to the EU–Central Asia Environment and Water "
            "Cooperation Platform, with high-level meetings and the joint expert working group on environmental "
            "governance and climate change. Implemented by Landell Mills Ltd with GITEC and BARS Consulting "
            "(service contract 262-949).",
        ),
        status="4",
        dates={"2": "2012-02-01", "4": "2014-07-31"},
        countries=FIVE,
        sectors=[("41010", 60), ("14010", 40)],
        markers={"7": 1},
        funders=[EU],
        implementers=[
            named("Landell Mills Ltd", type="71"),
            named("GITEC", type="71"),
            named("BARS Consulting", type="71"),
        ],
        related=[("1", 2), ("3", 4), ("3", 5)],
        documents=[
            (
                "http://ruleoflaw.eu/about-us/eu-ca-strategy-for-a-new-partnership/eu-water-initiative/presentation/",
                T("WECOOP туралы", "О WECOOP", "About WECOOP"),
                ["en"],
            )
        ],
    ),  # fmt: skip
    project(
        4,
        title=T(
            "ЕО мен Орталық Азияның қоршаған орта, климаттың өзгеруі және су ресурстары саласындағы "
            "ынтымақтастығын өңірлік үйлестіру және қолдау (WECOOP 2)",
            "Региональная координация и поддержка сотрудничества ЕС и Центральной Азии в области окружающей "
            "среды, изменения климата и водных ресурсов (WECOOP 2)",
            "Regional coordination and support for the EU–Central Asia enhanced regional cooperation on "
            "environment, climate change and water (WECOOP 2)",
        ),
        description=T(
            "WECOOP-тың екінші кезеңі (2016 жылғы тамыз – 2019 жылғы тамыз, бюджеті 1 998 000 еуро). Үш бағыты "
            "бар: ЕО мен Орталық Азия елдері арасындағы диалог, атап айтқанда қоршаған орта және су ресурстары "
            "саласындағы ынтымақтастық платформасы мен қоршаған орта және климаттың өзгеруі жөніндегі жұмыс тобы "
            "аясында; су ресурстары, қоршаған орта және климаттың өзгеруі саясаты бойынша әлеуетті нығайту және "
            "стратегиялық кеңес беру; ақпараттық өзара іс-қимыл — Орталық Азияның 5 еліндегі қоршаған орта, су "
            "ресурстары және климаттың өзгеруі саласындағы халықаралық қаржыландырылатын барлық жобалардың "
            "(400-ден астам) екі тілдегі дерекқоры, Өңірлік білім орталығы және Инвесторларға арналған нұсқаулық. "
            "Орындаушы — RECC және Аустрияның қоршаған ортаны қорғау агенттігімен бірге MWH бастаған консорциум.",
            "Второй этап WECOOP (август 2016 г. – август 2019 г., бюджет 1 998 000 евро). Три направления: диалог "
            "между ЕС и странами Центральной Азии, в частности в рамках Платформы для сотрудничества в области "
            "окружающей среды и водных ресурсов и Рабочей группы по окружающей среде и изменению климата; "
            "укрепление потенциала и консультирование по стратегическим вопросам водных ресурсов, окружающей "
            "среды и изменения климата; информационное взаимодействие — база данных всех проектов с международным "
            "финансированием (400+) в 5 странах Центральной Азии в области окружающей среды, водных ресурсов и "
            "изменения климата на двух языках, Региональный центр знаний и Руководство для инвесторов. "
            "Исполнитель — консорциум во главе с MWH совместно с RECC и Агентством по охране окружающей среды "
            "Австрии.",
            "Second phase of WECOOP (August 2016 – August 2019, EUR 1,998,000). Three strands: dialogue between the "
            "EU and Central Asia, notably through the Environment and Water Cooperation Platform and the Working "
            "Group on Environment and Climate Change; capacity building and strategic advice on water, environment "
            "and climate policies; information exchange — a database of all internationally funded environment, "
            "water and climate projects in the five Central Asian countries (400+, in two languages), the Regional "
            "Knowledge Centre and an Investors' Guide. Implemented by a consortium led by MWH with RECC and the "
            "Environment Agency Austria.",
        ),
        objectives=T(
            "Нәтижелері: қоршаған орта және климаттың өзгеруі жөніндегі жұмыс тобының төрт отырысы, БҰҰ ЕЭК "
            "Трансшекаралық сулар туралы конвенциясы, соның ішінде ЕО Су бастамасы аясындағы сегіз диалог, екі "
            "жұмыс семинары, Ташкенттегі жоғары деңгейдегі конференция, алты тақырыптық оқыту және елдерге басым "
            "салалар — қалдықтарды басқару, ауа сапасы, климаттың өзгеруі, биоәртүрлілік пен табиғатты қорғау "
            "бойынша халықаралық қаржы институттары үшін инвестициялық жобалардың тұжырымдамаларын дайындауда "
            "жеке қолдау.",
            "Результаты: четыре заседания Рабочей группы по окружающей среде и изменению климата, восемь диалогов "
            "в рамках Конвенции ЕЭК ООН по трансграничным водам, включая Водную инициативу ЕС, два рабочих "
            "семинара, конференция высокого уровня в Ташкенте, шесть тематических обучений и индивидуальная "
            "поддержка стран в подготовке концепций инвестиционных проектов для МФИ по приоритетным областям: "
            "управление отходами, качество воздуха, изменение климата, биоразнообразие и охрана природы.",
            "Results: four meetings of the Working Group on Environment and Climate Change, eight policy dialogues "
            "under the UNECE Water Convention and the EU Water Initiative, two workshops, a high-level conference "
            "in Tashkent, six thematic trainings, and individual support to the countries in preparing investment "
            "project concepts for international financial institutions in their priority areas: waste management, "
            "air quality, climate change, biodiversity and nature protection.",
        ),
        status="4",
        # The EU Delegation announced August 2016 – February 2019; seed 002 gives the extension to August 2019.
        dates={"1": "2016-08-01", "2": "2016-08-01", "3": "2019-02-28", "4": "2019-08-31"},
        countries=FIVE,
        sectors=[("41010", 50), ("14010", 30), ("41081", 20)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        implementers=[MWH, RECC, UBA_AUSTRIA],
        budgets=[(1998000, EUR, "2016-08-01", "2019-08-31")],
        related=[("3", 3), ("3", 5)],
        documents=[
            ("http://wecoop2.eu/", T("WECOOP 2 сайты", "Сайт WECOOP 2", "WECOOP 2 website"), ["en", "ru"]),
            (
                "http://www.greeninvest-ca.eu/content/project-database",
                T("Жобалар дерекқоры", "База данных проектов", "Project database"),
                ["en", "ru"],
            ),
            (
                "http://wecoop2.eu/useful-resources/publications",
                T("Инвесторларға арналған нұсқаулық", "Руководство для инвесторов", "Investors' Guide"),
                ["en", "ru"],
            ),
            (
                "https://eeas.europa.eu/delegations/kazakhstan/19556/regional-coordination-and-support-eu-central-"
                "asia-enhanced-regional-cooperation-environment_en",
                T("ЕО Өкілдігі: жоба туралы", "Представительство ЕС: о проекте", "EU Delegation: the project"),
                ["en"],
            ),
        ],
    ),
    project(
        5,
        title=T(
            "Еуропалық Одақ пен Орталық Азияның су ресурстары, қоршаған орта және климаттың өзгеруі саласындағы "
            "ынтымақтастығы (WECOOP)",
            "Сотрудничество Европейского союза и Центральной Азии в области водных ресурсов, окружающей среды и "
            "изменения климата (WECOOP)",
            "European Union – Central Asia Water, Environment and Climate Change Cooperation (WECOOP)",
        ),
        description=T(
            "WECOOP-тың үшінші кезеңі ЕО-ның «Қоршаған орта, су ресурстары және энергетика саласындағы тұрақты "
            "даму» іс-шарасы (ACA/2018/040-953) аясында қаржыландырылды. Үш жарым жыл бойы жоба Орталық Азиядағы "
            "қоршаған орта, климаттың өзгеруі және су ресурстары жөніндегі ұлттық саясатты жетілдіруге және "
            "«жасыл» инвестицияларды ілгерілетуге жәрдемдесті, соның ішінде су саясаты жөніндегі ұлттық "
            "диалогтарды қолдады; жоба 2023 жылғы 14 сәуірде аяқталды.",
            "Третий этап WECOOP, финансировался в рамках действия ЕС «Устойчивое развитие в области окружающей "
            "среды, водных ресурсов и энергетики» (ACA/2018/040-953). В течение трёх с половиной лет проект "
            "содействовал совершенствованию национальной политики в области окружающей среды, изменения климата "
            "и водных ресурсов и продвижению «зелёных» инвестиций в Центральной Азии, в том числе поддерживал "
            "национальные диалоги по водной политике; проект завершился 14 апреля 2023 года.",
            "Third phase of WECOOP, financed under the EU action 'Sustainable Environment, Water and Energy "
            "Development' (ACA/2018/040-953). For three and a half years it worked to improve national "
            "environment, climate change and water policies and to promote green investment in Central Asia, "
            "including support to the National Policy Dialogues on water; the project closed on 14 April 2023.",
        ),
        status="4",
        # Start derived: "three and a half years" before the closing on 14 April 2023.
        dates={"2": "2019-10-01", "4": "2023-04-14"},
        countries=FIVE,
        sectors=[("41010", 40), ("14010", 40), ("23110", 20)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        related=[("3", 3), ("3", 4)],
        documents=[
            (
                "https://wecoop.eu/wecoop-project-closed/",
                T("Жобаның аяқталуы", "Завершение проекта", "The project closes"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        6,
        title=T(
            "Ормандар мен биоәртүрлілікті басқару, соның ішінде экологиялық мониторинг (FLERMONECA)",
            "Управление лесами и биоразнообразием, включая экологический мониторинг (FLERMONECA)",
            "Forest and Biodiversity Governance including Environmental Monitoring (FLERMONECA)",
        ),
        description=T(
            "EURECA бағдарламасының Орталық Азияның барлық бес еліндегі негізгі құрамдас бөлігі: орман "
            "заңнамасының сақталуын қамтамасыз ету және ормандарды басқару (FLEG), экологиялық қалпына келтіру "
            "және биоәртүрлілікті сақтау (ERCA) және Орталық Азия мен Еуропаның экологиялық деректер "
            "орталықтарын байланыстыратын экологиялық мониторинг (MONECA). Орындаушылар — Гессен жерінің орман "
            "басқармасымен (HessenForst), Аустрияның қоршаған ортаны қорғау агенттігімен және CAREC-пен бірге GIZ.",
            "Центральный компонент программы EURECA во всех пяти странах Центральной Азии: обеспечение соблюдения "
            "лесного законодательства и управление лесами (FLEG), экологическое восстановление и сохранение "
            "биоразнообразия (ERCA) и экологический мониторинг (MONECA), связывающий центры экологических данных "
            "Центральной Азии и Европы. Исполнители — GIZ совместно с лесным управлением земли Гессен "
            "(HessenForst), Агентством по охране окружающей среды Австрии и РЭЦЦА.",
            "The centrepiece of EURECA, in all five Central Asian countries: forest law enforcement and governance "
            "(FLEG), ecological restoration and biodiversity conservation (ERCA), and environmental monitoring "
            "(MONECA) linking Central Asian and European environmental data centres. Implemented by GIZ with the "
            "German forestry agency HessenForst, the Environment Agency Austria and CAREC.",
        ),
        status="4",
        dates={"1": "2013-01-01", "3": "2015-12-31"},
        countries=FIVE,
        sectors=[("31220", 40), ("41030", 40), ("41010", 20)],
        markers={"5": 2, "6": 1, "8": 1},
        funders=[EU],
        implementers=[GIZ, HESSEN_FORST, UBA_AUSTRIA, CAREC],
        related=[("1", 2)],
        documents=[
            (
                "http://naturalresources-centralasia.org/flermoneca/index.php?id=4",
                T("FLERMONECA туралы", "О FLERMONECA", "About FLERMONECA"),
                ["en", "ru"],
            )
        ],
    ),
]
