"""Demo projects in Kazakhstan.

Sources are linked from each record; see `demo_data.py` for how dates,
percentages and markers are written.
"""

from .demo_data import (
    ALMATY,
    ARALSK,
    ATYRAU,
    EBRD,
    GEF,
    GOV_KZ,
    IBRD,
    KARAGANDA,
    KYZYLORDA,
    OSKEMEN,
    PAVLODAR,
    UNDP,
    USD,
    WORLD_BANK,
    T,
    named,
    project,
)

KZ = [("KZ", "100")]

ALMATY_AKIMAT = named("Akimat of Almaty", "Акимат города Алматы", "Алматы қаласының әкімдігі", type="11")
ACBK = named(
    "Association for the Conservation of Biodiversity of Kazakhstan (ACBK)",
    "Казахстанская ассоциация сохранения биоразнообразия (АСБК)",
    "Қазақстанның биоәртүрлілікті сақтау қауымдастығы (ACBK)",
    type="22",
)

PROJECTS = [
    project(
        34,
        title=T(
            "Сырдария өзенінің арнасын реттеу және Арал теңізінің солтүстік бөлігін сақтау, 1-кезең (SYNAS-1)",
            "Регулирование русла реки Сырдарьи и сохранение северной части Аральского моря, первая фаза (РРССАМ-1)",
            "Syr Darya Control and Northern Aral Sea Project, phase 1 (SYNAS-1)",
        ),
        description=T(
            "Дүниежүзілік банк қарызы мен Қазақстан Үкіметінің қаражатына жүзеге асырылған жоба (2001–2010): "
            "Солтүстік Аралды Үлкен Аралдан бөлетін 13 шақырымдық Көкарал бөгеті 2005 жылы салынды. 2008 жылға "
            "қарай Солтүстік Арал көлемі 68%-ға ұлғайды, тұздылығы екі есе азайды, балық өндіру үш еседен астам "
            "өсті, жергілікті тұрғындар балық аулауға қайта оралды. Сырдариядағы гидротехникалық құрылыстар мен "
            "Шардара бөгеті қалпына келтірілді.",
            "Проект, осуществлённый на заём Всемирного банка и средства Правительства Казахстана (2001–2010): в "
            "2005 году построена 13-километровая Кокаральская плотина, отделившая Северный Арал от Большого. К "
            "2008 году объём Северного Арала вырос на 68%, солёность снизилась вдвое, вылов рыбы увеличился более "
            "чем в три раза, местные жители вернулись к рыболовству. Восстановлены гидротехнические сооружения на "
            "Сырдарье и Шардаринская плотина.",
            "A project financed by a World Bank loan and the Government of Kazakhstan (2001–2010): the 13-km "
            "Kok-Aral dam, built in 2005, separates the Northern Aral Sea from the larger southern part. By 2008 "
            "the Northern Aral Sea's volume had grown by 68 percent, its salinity halved and fish catches more "
            "than tripled; local people returned to fishing. Hydraulic structures on the Syr Darya and the "
            "Chardara dam were rehabilitated.",
        ),
        status="4",
        dates={"1": "2001-01-01", "3": "2010-12-31"},
        countries=KZ,
        sectors=[("14040", 60), ("31140", 20), ("41020", 20)],
        markers={"5": 1, "7": 1, "8": 1},
        funders=[IBRD, GOV_KZ],
        implementers=[
            named(
                "Ministry of Natural Resources and Environmental Protection of Kazakhstan",
                "Министерство природных ресурсов и охраны окружающей среды Республики Казахстан",
                "Қазақстан Республикасының Табиғи ресурстар және қоршаған ортаны қорғау министрлігі",
                type="10",
            )
        ],
        # waterunites-ca.org gives the IBRD budget: USD 64,065,000.
        budgets=[(64065000, USD, "2001-01-01", "2010-12-31")],
        locations=[ARALSK, KYZYLORDA],
        documents=[
            (
                "https://waterunites-ca.org/project/syr-darya-control-and-northern-aral-sea-phase-1-synas-i/",
                T("Жоба картасы", "Карточка проекта", "Project card"),
                ["en"],
            ),
            (
                "https://oreanda-news.com/en/promyshlennost/article833914",
                T("Екінші кезең туралы", "О второй фазе", "On the second phase"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        35,
        title=T(
            "Алматы қаласының тұрақты көлігі",
            "Устойчивый транспорт города Алматы",
            "City of Almaty Sustainable Transport (CAST)",
        ),
        description=T(
            "Алматы қаласы әкімдігі мен БҰҰДБ-ның GEF қаржыландырған жобасы (UNDP 00076355, GEF 4013, PIMS 3757): "
            "көліктен шығатын парниктік газдар көлемінің өсуін тежеу және қаладағы ауа сапасын жақсарту. Жобаның "
            "қолдауымен Алматының 2013–2023 жылдарға арналған тұрақты көлік стратегиясы әзірленіп, қабылданды; "
            "2014 жылы BRT дәлізі мен жаңа велосипед жолының жобалары бекітілді. Қоса қаржыландыру: әкімдік 30,05 "
            "млн АҚШ доллары, ЕҚДБ 45,7 млн АҚШ доллары.",
            "Проект акимата Алматы и ПРООН при финансировании ГЭФ (UNDP 00076355, GEF 4013, PIMS 3757): сдерживание "
            "роста выбросов парниковых газов от транспорта и улучшение качества воздуха в городе. При поддержке "
            "проекта разработана и принята Стратегия устойчивого транспорта Алматы на 2013–2023 годы; в 2014 году "
            "одобрены проекты коридора BRT и новой велодорожки. Софинансирование: акимат — 30,05 млн долларов США, "
            "ЕБРР — 45,7 млн долларов США.",
            "A project of the Akimat of Almaty and UNDP financed by the GEF (UNDP 00076355, GEF 4013, PIMS 3757): "
            "curbing the growth of transport greenhouse gas emissions while improving the city's air quality. It "
            "supported the Almaty Sustainable Transport Strategy 2013–2023; a BRT corridor and a new bike lane were "
            "approved in 2014. Co-financing: the akimat USD 30.05 million, the EBRD USD 45.7 million.",
        ),
        status="4",
        # The first Steering Committee met on 15 March 2012; the final conference was on 16–17 November 2017.
        dates={"2": "2012-03-15", "4": "2017-11-17"},
        countries=KZ,
        sectors=[("21020", 60), ("41010", 40)],
        markers={"6": 2},
        funders=[GEF, ALMATY_AKIMAT, EBRD],
        implementers=[UNDP, ALMATY_AKIMAT],
        budgets=[(4886000, USD, "2012-03-15", "2017-11-17")],
        # UNDP's project page lists these amounts by month.
        transactions=[
            ("4", "2012-12-31", 653517, USD, UNDP, None),
            ("4", "2013-04-30", 228443, USD, UNDP, None),
        ],
        locations=[ALMATY],
        documents=[
            (
                "https://www.kz.undp.org/content/kazakhstan/en/home/operations/projects/environment_and_energy/"
                "city-almaty-sustainable-transport.html",
                T("БҰҰДБ: жоба туралы", "ПРООН: о проекте", "UNDP: about the project"),
                ["en"],
            ),
            (
                "https://alatransit.kz/en/content/undp-gef-project",
                T("Жоба туралы", "О проекте", "About the project"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        36,
        title=T(
            "Тұрғын үйлерді энергия тиімді жобалау және салу",
            "Энергоэффективное проектирование и строительство жилых зданий",
            "Energy-efficient design and construction of residential buildings",
        ),
        description=T(
            "Қазақстан Үкіметі мен БҰҰДБ-ның GEF жобасы (PIMS 4133, Atlas 00059795): жаңа тұрғын үйлерден шығатын "
            "парниктік газдарды азайту үшін құрылыс саласын энергия тиімді жобалау мен салуға көшіру. Төрт "
            "құрамдас бөлік: ғимараттарға арналған энергия тиімділігі нормалары, стандарттары мен таңбалары; "
            "энергия тиімді құрылыс материалдарын өндіру және сертификаттау; білім беру және ақпарат тарату; "
            "демонстрациялық жобалар, соның ішінде Қарағандыдағы Мұстафин көшесі, 26 мекенжайындағы көппәтерлі "
            "үйді жылу жаңғырту.",
            "Проект Правительства Казахстана и ПРООН при финансировании ГЭФ (PIMS 4133, Atlas 00059795): снижение "
            "выбросов парниковых газов от новых жилых зданий за счёт перехода строительной отрасли к "
            "энергоэффективному проектированию и строительству. Четыре компонента: нормы, стандарты и маркировка "
            "энергоэффективности зданий; производство и сертификация энергоэффективных строительных материалов; "
            "обучение и информирование; демонстрационные проекты, в том числе термомодернизация многоквартирного "
            "дома по улице Мустафина, 26 в Караганде.",
            "A project of the Government of Kazakhstan and UNDP financed by the GEF (PIMS 4133, Atlas 00059795) to "
            "cut greenhouse gas emissions from new residential buildings by moving the building sector to "
            "energy-efficient design and construction. Four components: energy-efficiency codes, standards and "
            "labels for buildings; production and certification of energy-efficient building materials; education "
            "and outreach; demonstration projects, among them the thermal modernisation of the apartment building "
            "at 26 Mustafin Street in Karaganda.",
        ),
        status="4",
        countries=KZ,
        sectors=[("23183", 70), ("32310", 30)],
        markers={"6": 2},
        funders=[GEF],
        implementers=[UNDP],
        locations=[KARAGANDA],
        documents=[
            (
                "http://eep.kz/en/epszhz/pilot-project/?ELEMENT_ID=1365",
                T("Қарағандыдағы пилоттық жоба", "Пилотный проект в Караганде", "The pilot building in Karaganda"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        37,
        title=T(
            "«Алтын Дала» табиғатты сақтау бастамасы",
            "Инициатива по сохранению «Алтын Дала»",
            "Altyn Dala Conservation Initiative",
        ),
        description=T(
            "2006 жылдан бері жұмыс істейтін ұзақ мерзімді серіктестік: оны Қазақстанның биоәртүрлілікті сақтау "
            "қауымдастығы (ACBK) Fauna & Flora, Франкфурт зоологиялық қоғамы (FZS) және Корольдік құстарды қорғау "
            "қоғамының (RSPB) қаржылық және техникалық көмегімен, Орман шаруашылығы және жануарлар дүниесі "
            "комитетімен бірге басқарады. Мақсаты — киік мекендейтін тарихи аумақтағы дала, шөлейт және шөл "
            "экожүйелерін сақтау және қалпына келтіру; киік саны 2,8 миллионнан асты, құлан мен Пржевальский "
            "жылқысы қайтарылуда. БҰҰ-ның Әлемдік қалпына келтіру флагманы (2022), Earthshot сыйлығы (2024).",
            "Долгосрочное партнёрство, действующее с 2006 года: им руководит Казахстанская ассоциация сохранения "
            "биоразнообразия (АСБК) при финансовой и технической помощи Fauna & Flora, Франкфуртского "
            "зоологического общества (FZS) и Королевского общества защиты птиц (RSPB), совместно с Комитетом "
            "лесного хозяйства и животного мира. Цель — сохранить и восстановить степные, полупустынные и пустынные "
            "экосистемы на историческом ареале сайги; численность сайги превысила 2,8 млн, возвращаются кулан и "
            "лошадь Пржевальского. Всемирный флагман восстановления ООН (2022), премия Earthshot (2024).",
            "A long-term partnership since 2006, led by the Association for the Conservation of Biodiversity of "
            "Kazakhstan (ACBK) with financial and technical assistance from Fauna & Flora, Frankfurt Zoological "
            "Society (FZS) and the Royal Society for the Protection of Birds (RSPB), together with the Committee "
            "for Forestry and Wildlife. It conserves and restores steppe, semi-desert and desert ecosystems across "
            "the historical range of the saiga antelope: saiga numbers exceed 2.8 million, kulan and Przewalski's "
            "horses are returning. UN World Restoration Flagship (2022), Earthshot Prize (2024).",
        ),
        status="2",
        dates={"2": "2006-01-01"},
        countries=KZ,
        sectors=[("41030", 80), ("41020", 20)],
        markers={"5": 2, "8": 1},
        funders=[
            named("Fauna & Flora", type="21"),
            named("Frankfurt Zoological Society (FZS)", type="21"),
            named("Royal Society for the Protection of Birds (RSPB)", type="21"),
        ],
        accountable=[
            named(
                "Committee for Forestry and Wildlife of Kazakhstan",
                "Комитет лесного хозяйства и животного мира",
                "Орман шаруашылығы және жануарлар дүниесі комитеті",
                type="10",
            )
        ],
        implementers=[ACBK],
        documents=[
            ("https://altyndala.org/partnership/", T("Серіктестік", "Партнёрство", "Our partnership"), ["en"]),
            (
                "https://fzs.org/en/programs/kazakhstan/altyn-dala",
                T("FZS: бағдарлама", "FZS: программа", "FZS: the programme"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        38,
        title=T(
            "Қазақстандағы Орхус орталықтарының желісі",
            "Сеть Орхусских центров в Казахстане",
            "Network of Aarhus Centres in Kazakhstan",
        ),
        description=T(
            "Қазақстан Орхус конвенциясын 2000 жылғы қазанда ратификациялады; 2005 жылдан бастап ЕҚЫҰ "
            "қоршаған орта министрлігімен бірге Орхус орталықтарын қолдайды. Өңірлердегі орталықтар (соның "
            "ішінде Атырау, Павлодар, Өскемен) экологиялық ақпаратқа қол жеткізуді қамтамасыз етеді, қоғамдық "
            "тыңдауларға қатысуды және сот әділдігіне қол жеткізуді қолдайды, жұртшылық, мемлекеттік органдар "
            "және мұнай компаниялары арасындағы бейтарап диалог алаңы болады, Каспий теңізі бойынша Тегеран "
            "конвенциясын насихаттайды.",
            "Казахстан ратифицировал Орхусскую конвенцию в октябре 2000 года; с 2005 года ОБСЕ вместе с "
            "министерством охраны окружающей среды поддерживает Орхусские центры. Центры в регионах (в их числе "
            "Атырау, Павлодар, Усть-Каменогорск) обеспечивают доступ к экологической информации, поддерживают "
            "участие общественности в общественных слушаниях и доступ к правосудию, служат нейтральной "
            "диалоговой площадкой между общественностью, государственными органами и нефтяными компаниями, "
            "содействуют реализации Тегеранской конвенции по Каспийскому морю.",
            "Kazakhstan ratified the Aarhus Convention in October 2000; since 2005 the OSCE has supported Aarhus "
            "Centres together with the environment ministry. The regional centres (among them Atyrau, Pavlodar "
            "and Oskemen) give access to environmental information, support public participation in public "
            "hearings and access to justice, offer a neutral platform for dialogue between the public, state "
            "bodies and oil companies, and promote the Tehran Convention on the Caspian Sea.",
        ),
        status="2",
        dates={"2": "2005-01-01"},
        countries=KZ,
        sectors=[("41010", 60), ("15150", 40)],
        markers={"3": 2},
        funders=[
            named(
                "Organization for Security and Co-operation in Europe (OSCE)",
                "Организация по безопасности и сотрудничеству в Европе (ОБСЕ)",
                "Еуропадағы қауіпсіздік және ынтымақтастық ұйымы (ЕҚЫҰ)",
                type="40",
            )
        ],
        locations=[ATYRAU, PAVLODAR, OSKEMEN],
        documents=[
            (
                "https://www.osce.org/astana/125154",
                T(
                    "Орхус орталықтары желісінің семинары",
                    "Семинар сети Орхусских центров",
                    "Seminar of the Aarhus Centres Network",
                ),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        43,
        title=T(
            "Нарықтық тетіктерді енгізу серіктестігі: Қазақстанның шығарындылар саудасы жүйесін жаңғырту",
            "Партнёрство по внедрению рыночных механизмов: модернизация системы торговли выбросами Казахстана",
            "Partnership for Market Implementation: modernising Kazakhstan's emissions trading system",
        ),
        description=T(
            "Қазақстанның шығарындылар саудасы жүйесі — Орталық Азиядағы алғашқы жүйе — 2013 жылы басталды "
            "(2013 жылғы пилоттық кезең, 2014–2015 жылдардағы екінші кезең, 2016–2017 жылдары тоқтатылып, 2018 "
            "жылғы 1 қаңтарда қайта іске қосылды). Қазақстан Дүниежүзілік банктің Нарықтық тетіктерді енгізу "
            "серіктестігіне (PMI) қосылды: Экология министрлігі мен «Жасыл даму» АҚ басқаратын 4,8 млн АҚШ "
            "доллары жоба 2028 жылға дейін жүйені жаңғыртады (бенчмарктар, квоталар аукционы), ішкі көміртек "
            "кредиттері нарығын қолдайды және халықаралық көміртек саудасына дайындайды.",
            "Система торговли выбросами Казахстана — первая в Центральной Азии — начала работу в 2013 году "
            "(пилотный этап 2013 года, второй этап 2014–2015 годов, приостановка в 2016–2017 годах, перезапуск с "
            "1 января 2018 года). Казахстан присоединился к Партнёрству Всемирного банка по внедрению рыночных "
            "механизмов (PMI): проект на 4,8 млн долларов США под руководством Министерства экологии и АО «Жасыл "
            "даму» до 2028 года модернизирует систему (бенчмарки, аукционы квот), поддержит внутренний рынок "
            "углеродных единиц и подготовит к международной торговле углеродом.",
            "Kazakhstan's emissions trading system, the first in Central Asia, started in 2013 (a pilot phase in "
            "2013, a second phase in 2014–2015, suspended in 2016–2017, relaunched on 1 January 2018). Kazakhstan "
            "joined the World Bank's Partnership for Market Implementation (PMI): a USD 4.8 million project led by "
            "the Ministry of Ecology and Zhasyl Damu JSC, running through 2028, modernises the system "
            "(benchmarks, auctioning of allowances), supports a domestic carbon credit market and prepares for "
            "international carbon trading.",
        ),
        status="2",
        dates={"3": "2028-12-31"},
        countries=KZ,
        sectors=[("41010", 50), ("23110", 50)],
        markers={"6": 2},
        funders=[WORLD_BANK],
        implementers=[
            named(
                "Ministry of Ecology of Kazakhstan",
                "Министерство экологии Республики Казахстан",
                "Қазақстан Республикасының Экология министрлігі",
                type="10",
            ),
            named("Zhasyl Damu JSC", "АО «Жасыл даму»", "«Жасыл даму» АҚ", type="15"),
        ],
        documents=[
            (
                "https://en.wikipedia.org/wiki/Kazakhstan_Emissions_Trading_System",
                T(
                    "Қазақстанның шығарындылар саудасы жүйесі",
                    "Система торговли выбросами Казахстана",
                    "Kazakhstan Emissions Trading System",
                ),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        44,
        title=T(
            "Төмен көміртекті қалалық даму үшін тұрақты қалалар",
            "Устойчивые города для низкоуглеродного развития",
            "Sustainable cities for low-carbon urban development",
        ),
        description=T(
            "Қазақстан Үкіметі мен БҰҰДБ-ның GEF жобасы (2015–2020, атқарушы серіктес — Инвестициялар және даму "
            "министрлігі): қала секторында ұлттық деңгейде тиісті климатты жұмсарту шараларын (NAMA) анықтау және "
            "жүзеге асыру — төмен көміртекті муниципалдық жоспарлау, мемлекеттік-жекешелік әріптестік пен ESCO "
            "үлгісіндегі инвестициялар, қалалық жобаларды қаржыландыруды қолдау, муниципалдық инфрақұрылымды "
            "жаңғыртудың пилоттық жобалары және шығарындылардың қысқаруымен сауда тетігін сынау.",
            "Проект Правительства Казахстана и ПРООН при финансировании ГЭФ (2015–2020, исполнительный партнёр — "
            "Министерство по инвестициям и развитию): определение и реализация национально приемлемых мер по "
            "смягчению изменения климата (NAMA) в городском секторе — низкоуглеродное муниципальное планирование, "
            "инвестиции по модели ГЧП и ESCO, поддержка финансирования городских проектов, пилотные проекты "
            "модернизации муниципальной инфраструктуры и апробация механизма торговли сокращениями выбросов.",
            "A project of the Government of Kazakhstan and UNDP financed by the GEF (2015–2020, executing partner "
            "the Ministry of Investments and Development): nationally appropriate mitigation actions (NAMA) in the "
            "urban sector — low-carbon municipal planning, public-private and ESCO investment, support to "
            "financing urban projects, pilot modernisation of municipal infrastructure and a test of trading in "
            "emission reductions.",
        ),
        status="4",
        dates={"1": "2015-01-01", "3": "2020-12-31"},
        countries=KZ,
        sectors=[("43030", 50), ("23183", 50)],
        markers={"6": 2},
        funders=[GEF],
        implementers=[UNDP],
    ),
]
