"""Demo projects funded by the European Union: those of the seed documents, the WECOOP family, EcoDialogue.

Sources: seeds 000 (the EcoDialogue call), 001 and 003 (Covenant of Mayors
East), 002 (WECOOP 2); the pages linked from each record. See `demo_data.py`
for how dates, percentages and markers are written.
"""

from .demo_data import (
    ALMATY,
    ANGEL,
    ARALSK,
    ATBASAR,
    CAREC,
    CENTRAL_ASIA,
    CSD,
    EU,
    EUR,
    GIZ,
    HEJ,
    IUCN,
    OECD,
    UBA_AUSTRIA,
    UNECE,
    WORLD_BANK,
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
    project(
        7,
        title=T(
            "Орталық Азиядағы нексус диалогы: су, энергетика және азық-түлік қауіпсіздігінің өзара байланысы "
            "жөніндегі диалогқа және көпсалалы инвестицияларға жәрдемдесу",
            "Центральноазиатский диалог по нексусу: содействие диалогу по взаимосвязи водной, энергетической и "
            "продовольственной безопасности и многосекторальным инвестициям",
            "Central Asia Nexus Dialogue: fostering water, energy and food security nexus dialogue and "
            "multi-sector investment",
        ),
        description=T(
            "ЕО-ның «Нексус диалогтары» жаһандық бағдарламасының бөлігі (2016 жылғы желтоқсан – 2019 жылғы "
            "желтоқсан, 1,3 млн еуро). CAREC Халықаралық табиғатты қорғау одағымен (IUCN) бірге Аралды құтқарудың "
            "халықаралық қоры Атқарушы комитетінің қолдауымен жүзеге асырды. Жоба ұлттық және өңірлік деңгейде "
            "салааралық диалогты дамытып, сегіз өңірлік жобалық идеядан тұратын инвестициялық портфельді және "
            "Арал теңізі бассейнінің төртінші бағдарламасын дайындауға көмектесті.",
            "Часть глобальной программы ЕС «Диалоги по нексусу» (декабрь 2016 – декабрь 2019 г., 1,3 млн евро). "
            "Реализовывался РЭЦЦА совместно с МСОП при поддержке Исполкома Международного фонда спасения Арала. "
            "Проект развивал межсекторальный диалог на национальном и региональном уровнях и помог подготовить "
            "инвестиционный портфель из восьми региональных проектных идей и четвёртую Программу бассейна "
            "Аральского моря.",
            "Part of the EU's global Nexus Dialogues programme (December 2016 – December 2019, EUR 1.3 million), "
            "implemented by CAREC with IUCN and the support of the Executive Committee of the International Fund "
            "for Saving the Aral Sea. It fostered multi-sector dialogue nationally and regionally and helped "
            "prepare an investment portfolio of eight regional project ideas and the fourth Aral Sea Basin "
            "Programme.",
        ),
        status="4",
        dates={"2": "2016-12-01", "4": "2019-12-31"},
        countries=FIVE,
        sectors=[("14010", 40), ("23110", 30), ("31140", 30)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        implementers=[CAREC, IUCN],
        budgets=[(1300000, EUR, "2016-12-01", "2019-12-31")],
        related=[("3", 8)],
        documents=[
            (
                "https://carececo.org/en/main/activity/projects/tsentralno-aziatskiy-dialog-po-ispolzovaniyu-"
                "vozmozhnostey-mnogosektoralnogo-finansirovaniya-putem-u/",
                T("CAREC: жоба туралы", "РЭЦЦА: о проекте", "CAREC: about the project"),
                ["en"],
            )
        ],
    ),
    project(
        8,
        title=T(
            "Орталық Азиядағы нексус диалогы, екінші кезең",
            "Центральноазиатский диалог по нексусу, второй этап",
            "Central Asia Nexus Dialogue, phase II",
        ),
        description=T(
            "Екінші кезең (2020 жылғы маусым – 2023 жылғы мамыр) «су – энергетика – азық-түлік» тәсілін іс жүзінде "
            "қолдануға және оны ұлттық және өңірлік басқару құрылымдарына әрі инвестициялық шешімдерге енгізуге "
            "арналды: Қазақстанда Арал теңізінің құрғаған табанын орманды алқапқа айналдыру, Тәжікстандағы "
            "ұлттық демонстрациялық жоба және Түрікменстан мен Өзбекстанның Тұямұйын гидроторабындағы "
            "трансшекаралық жоба (Русловое су қоймасының лайлануы, климаттық тәуекелдер), сондай-ақ инвестициялық "
            "ұсыныстар дайындау.",
            "Второй этап (июнь 2020 – май 2023 г.) был посвящён практическому применению подхода «вода – "
            "энергия – продовольствие» и его институционализации в национальных и региональных структурах "
            "управления и при принятии инвестиционных решений: облесение осушенного дна Аральского моря в "
            "Казахстане, национальный демонстрационный проект в Таджикистане и трансграничный проект на "
            "Туямуюнском гидроузле Туркменистана и Узбекистана (заиление Русловского водохранилища, климатические "
            "риски), а также подготовка инвестиционных предложений.",
            "The second phase (June 2020 – May 2023) applied the water–energy–food nexus approach in practice and "
            "worked to institutionalise it in national and regional governance and investment decisions: "
            "afforestation of the dried bed of the Aral Sea in Kazakhstan, a national demonstration project in "
            "Tajikistan and a transboundary one at the Tuyamuyun hydro complex of Turkmenistan and Uzbekistan "
            "(sedimentation of the Ruslovoye reservoir, climate risks), and investment-ready proposals.",
        ),
        status="4",
        dates={"2": "2020-06-01", "4": "2023-05-31"},
        countries=FIVE,
        sectors=[("14010", 40), ("31220", 30), ("23110", 30)],
        markers={"7": 2, "8": 1},
        funders=[EU],
        implementers=[CAREC],
        locations=[ARALSK],
        related=[("3", 7)],
        documents=[
            (
                "https://www.water-energy-food.org/nexus-regional-dialogue-in-central-asia",
                T("Нексус диалогы", "Диалог по нексусу", "Nexus Regional Dialogue"),
                ["en"],
            )
        ],
    ),
    project(
        9,
        title=T(
            "ЕО-ның Орталық Азия су және энергетика бағдарламасына (CAWEP) қосқан үлесі",
            "Вклад ЕС в Центральноазиатскую программу по водным ресурсам и энергетике (CAWEP)",
            "EU contribution to the Central Asia Water and Energy Program (CAWEP)",
        ),
        description=T(
            "2019 жылғы 23 мамырда Нұр-Сұлтанда Еуропалық Одақ пен Дүниежүзілік банк ЕО-ның «Қоршаған орта, су "
            "ресурстары және энергетика саласындағы тұрақты даму» іс-шарасы (ACA/2018/040-953) аясында CAWEP "
            "үшін 7 млн еуро грант туралы келісімге қол қойды. Грант білім алмасу, талдамалық жұмыс, саясат "
            "бойынша кеңес беру және жобаларды дайындау арқылы Орталық Азияның су және энергетикалық "
            "қауіпсіздігін нығайтуға арналған.",
            "23 мая 2019 года в Нур-Султане Европейский союз и Всемирный банк подписали соглашение о гранте в "
            "7 млн евро для CAWEP в рамках действия ЕС «Устойчивое развитие в области окружающей среды, водных "
            "ресурсов и энергетики» (ACA/2018/040-953). Грант направлен на укрепление водной и энергетической "
            "безопасности Центральной Азии через обмен знаниями, аналитическую работу, консультирование по "
            "вопросам политики и подготовку проектов.",
            "On 23 May 2019 in Nur-Sultan the European Union and the World Bank signed a EUR 7 million grant to "
            "CAWEP under the EU action 'Sustainable Environment, Water and Energy Development' (ACA/2018/040-953), "
            "to strengthen water and energy security in Central Asia through knowledge exchange, analytical work, "
            "policy advice and project preparation.",
        ),
        countries=[*CENTRAL_ASIA, "AF"],
        sectors=[("14010", 50), ("23110", 50)],
        markers={"7": 1},
        funders=[EU],
        implementers=[WORLD_BANK],
        transactions=[("2", "2019-05-23", 7000000, EUR, EU, WORLD_BANK)],
        related=[("1", 22)],
        documents=[
            (
                "https://strategeast.org/u-world-bank-sign-e7-million-grant-agreement-to-support-water-and-energy-"
                "security-in-central-asia",
                T("Грант туралы хабар", "Сообщение о гранте", "News of the grant"),
                ["en"],
            )
        ],
    ),
    project(
        10,
        title=T(
            "ЕО Су бастамасы: Қазақстандағы су саясаты жөніндегі ұлттық диалог",
            "Водная инициатива ЕС: Национальный диалог по водной политике в Казахстане",
            "EU Water Initiative: National Policy Dialogue on water in Kazakhstan",
        ),
        description=T(
            "2002 жылы басталған ЕО Су бастамасы аясында БҰҰ ЕЭК пен ЭЫДҰ су ресурстарын кешенді басқару және "
            "сумен жабдықтау мен санитария саясаты жөніндегі ұлттық диалогтарға жәрдемдеседі. Қазақстанда диалог "
            "2012 жылдан бері жүргізіледі: Ведомствоаралық үйлестіру кеңесі трансшекаралық ынтымақтастықты, "
            "бөгеттердің қауіпсіздігін, 2020–2030 жылдарға арналған су ресурстарын басқару бағдарламасының "
            "тұжырымдамасын және БҰҰ ЕЭК мен ДДСҰ/Еуропаның Су және денсаулық жөніндегі хаттамасына қосылуды "
            "талқылайды.",
            "В рамках Водной инициативы ЕС, начатой в 2002 году, ЕЭК ООН и ОЭСР содействуют национальным диалогам "
            "по политике в области интегрированного управления водными ресурсами и водоснабжения и санитарии. "
            "В Казахстане диалог ведётся с 2012 года: Межведомственный координационный совет обсуждает "
            "трансграничное сотрудничество, безопасность плотин, Концепцию программы управления водными "
            "ресурсами на 2020–2030 годы и присоединение к Протоколу ЕЭК ООН и ВОЗ/Европа по проблемам воды и "
            "здоровья.",
            "Under the EU Water Initiative, launched in 2002, UNECE and the OECD facilitate National Policy "
            "Dialogues on integrated water resources management and on water supply and sanitation. Kazakhstan "
            "has held its dialogue since 2012: an Interministerial Coordination Council discusses transboundary "
            "cooperation, dam safety, the concept of the Water Resources Management Programme 2020–2030 and "
            "accession to the UNECE–WHO/Europe Protocol on Water and Health.",
        ),
        status="2",
        dates={"2": "2012-01-01"},
        countries=[("KZ", "100")],
        sectors=[("14010", 70), ("14021", 30)],
        markers={"7": 1},
        funders=[EU],
        implementers=[UNECE, OECD],
        documents=[
            (
                "http://www.unece.org/es/env/water/npd.html",
                T("Ұлттық диалогтар", "Национальные диалоги", "National Policy Dialogues"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        11,
        title=T(
            "«ЭкоДиалог» – мемлекеттік органдармен диалогқа белсенді қатысу және қоршаған ортаны қорғау "
            "саласындағы адам құқықтарын қамтамасыз ету үшін қазақстандық АҚҰ-ларды күшейту",
            "«ЭкоДиалог» – усиление казахстанских организаций гражданского общества для активного участия в "
            "диалоге с государственными органами и обеспечения прав человека в области охраны окружающей среды",
            "EcoDialogue: strengthening Kazakhstani civil society organisations for active participation in "
            "dialogue with state bodies and for human rights in environmental protection",
        ),
        description=T(
            "Еуропалық Одақ қаржыландыратын жобаны «Тұрақты дамуға жәрдемдесу» орталығы (Алматы қ.) Health and "
            "Environment Justice Support e.V. (Дахау қ., Германия) және «Ангел» ҚБ (Атбасар қ.) серіктестігімен "
            "жүзеге асырады. Жоба «ЭкоДиалог» желісінің ҮЕҰ-ларын экологиялық мәселелер бойынша әкімдіктермен "
            "және мәслихаттармен диалогта күшейтеді, «ЭкоДиалог» платформасын жүргізеді және елді мекендердегі "
            "ҮЕҰ консорциумдарының пилоттық жобаларына байқау өткізеді; шешім қабылдау үдерістеріне әйелдер мен "
            "жастардың қатысуына ерекше назар аударылады.",
            "Проект, финансируемый Европейским союзом, реализует Центр содействия устойчивому развитию "
            "(г. Алматы) в партнёрстве с Health and Environment Justice Support e.V. (г. Дахау, Германия) и "
            "общественным объединением «Ангел» (г. Атбасар). Проект укрепляет НПО сети «ЭкоДиалог» в диалоге с "
            "акиматами и маслихатами по экологическим проблемам, поддерживает платформу «ЭкоДиалог» и проводит "
            "конкурс пилотных проектов консорциумов НПО в населённых пунктах, уделяя особое внимание участию "
            "женщин и молодёжи в принятии решений.",
            "The EU-funded project is implemented by the Centre for Sustainable Development Assistance (Almaty) in "
            "partnership with Health and Environment Justice Support e.V. (Dachau, Germany) and the public "
            "association “Angel” (Atbasar). It strengthens the NGOs of the EcoDialogue network in dialogue with "
            "akimats and maslikhats on environmental problems, runs the EcoDialogue platform and a call for pilot "
            "projects of NGO consortia in settlements, with particular attention to the participation of women "
            "and youth in decision-making.",
        ),
        status="2",
        countries=[("KZ", "100")],
        sectors=[("15150", 50), ("41010", 30), ("14050", 20)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        implementers=[CSD, HEJ, ANGEL],
        locations=[ALMATY, ATBASAR],
        related=[("2", 12)],
        documents=[
            (
                "https://ecodialogue.kz/",
                T("«ЭкоДиалог» платформасы", "Платформа «ЭкоДиалог»", "EcoDialogue platform"),
                ["kk", "ru"],
            )
        ],
    ),  # fmt: skip
    project(
        12,
        title=T(
            "«ЭкоДиалог» байқауы: елді мекендердің экологиялық мәселелерін шешетін ҮЕҰ консорциумдарына қолдау",
            "Конкурс «ЭкоДиалог»: поддержка консорциумов НПО, решающих экологические проблемы населённых пунктов",
            "EcoDialogue call: support for NGO consortia solving environmental problems of settlements",
        ),
        description=T(
            "«ЭкоДиалог» жобасының байқауы: 2–4 ҮЕҰ-дан тұратын консорциумдар әрқайсысы 7 айдан аспайтын 4 "
            "пилоттық жоба арқылы ауылдардың, кенттердің және қалалардың нақты экологиялық мәселелерін "
            "әкімдіктермен және мәслихаттармен бірге шешеді. Байқаудың жалпы бюджеті 60 000 еуроға дейін; бір "
            "консорциум 10 000-нан 12 000 еуроға дейін алады; 5 консорциум таңдалады. Ақмола, Алматы және Жетісу "
            "облыстарының елді мекендеріне, қалдықтарды басқару мен климаттың өзгеруі саласындағы және әйелдер "
            "мен жастардың қатысуын қарастыратын жобаларға басымдық беріледі. Басқа Еуропалық Одақ "
            "бағдарламаларынан қолдау алып отырған немесе бұрын алған пилоттық жобалар қаржыландырылмайды.",
            "Конкурс проекта «ЭкоДиалог»: консорциумы из 2–4 НПО, каждый с четырьмя пилотными проектами "
            "продолжительностью не более 7 месяцев, решают конкретные экологические проблемы сёл, посёлков и "
            "городов вместе с акиматами и маслихатами. Общий бюджет конкурса — до 60 000 евро; консорциум получает "
            "от 10 000 до 12 000 евро; отбирается 5 консорциумов. Приоритет — населённым пунктам Акмолинской, "
            "Алматинской областей и области Жетісу, проектам по управлению отходами и изменению климата и "
            "проектам с участием женщин и молодёжи. Пилотные проекты, которые получают или получали поддержку "
            "других программ Европейского союза, не финансируются.",
            "The call of the EcoDialogue project: consortia of 2–4 NGOs, each with four pilot projects of at most "
            "seven months, solve concrete environmental problems of villages, settlements and towns together with "
            "akimats and maslikhats. Up to EUR 60,000 in total; a consortium receives EUR 10,000–12,000; five "
            "consortia are selected. Priority to settlements of Akmola, Almaty and Zhetysu regions, to waste "
            "management and climate change, and to projects involving women and youth. Pilot projects supported "
            "now or before by another EU programme are not eligible.",
        ),
        status="2",
        # Derived from the call: results on 25 June 2026, then pilot projects of at most seven months.
        dates={"1": "2026-07-01", "3": "2027-01-31"},
        countries=[("KZ", "100")],
        sectors=[("14050", 50), ("41010", 30), ("15150", 20)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        implementers=[CSD],
        # "Up to EUR 60,000": an indicative budget (BudgetStatus 1) over the pilots' months.
        budgets=[(60000, EUR, "2026-07-01", "2027-01-31", "1")],
        related=[("1", 11)],
        documents=[
            (
                "https://ecodialogue.kz/",
                T("«ЭкоДиалог» платформасы", "Платформа «ЭкоДиалог»", "EcoDialogue platform"),
                ["kk", "ru"],
            )
        ],
    ),  # fmt: skip
]
