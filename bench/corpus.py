"""
Deterministic text for the benchmark site: a fixed vocabulary drawn with a
seeded random generator, so the same article number always gets the same
title, body and citations, whatever the size of the site.

``COMMON_WORD`` appears in nearly every article; ``RARE_WORD`` is not in the
vocabulary and is put on purpose into a handful of articles (see ``has_rare_word``),
so ``measure.py`` can search for both.
"""

import datetime
from itertools import accumulate

from django.utils.text import slugify

SEED = 20240610

COMMON_WORD = "treatment"
RARE_WORD = "xanthelasma"
RARE_EVERY = 25_000  # article numbers 0, 25,000, 50,000…: 1 article at 12, 4 at 100,000


def has_rare_word(number):
    return number % RARE_EVERY == 0


# Ordered roughly by how often such words occur in health writing; drawn with Zipf-like weights.
VOCABULARY = """
the of and to a in is that for with as or be are it can on by not this your you may have from more
some people their when if they these an at which also most health than other will do about who
risk blood treatment body doctor how often should symptoms help many one but all such there has
been may time years common cause disease condition over into because could without each medicine
care heart pain day usually check before after those between both during high low levels test
signs early long term daily life need effects side change changes family history age older adults
children women men weight sleep diet exercise activity stress mental anxiety mood infection virus
bacteria immune system vaccine vaccination dose doses tablet tablets pressure sugar insulin glucose
cholesterol fat fibre protein vitamin minerals water food foods meal meals fruit vegetables grains
salt alcohol smoking tobacco lungs breathing cough fever rash skin joint joints muscle muscles bone
bones kidney kidneys liver stomach bowel gut brain nerve nerves eyes vision hearing teeth mouth throat
chest back neck head headache migraine fatigue tiredness dizziness nausea vomiting diarrhoea
constipation swelling inflammation allergy asthma eczema diabetes obesity hypertension stroke cancer
tumour screening scan ultrasound biopsy surgery operation therapy physiotherapy counselling support
nurse pharmacist specialist clinic hospital emergency appointment referral prescription medication
medications antibiotic antibiotics painkillers ibuprofen paracetamol supplement supplements research
study studies trial trials evidence review guideline guidelines recommendation recommend recommends
advice information evidence-based data results findings benefit benefits harm harms safe safety
effective effectiveness chance chances likely unlikely possible rarely sometimes usually generally
mild moderate severe serious chronic acute sudden gradual persistent recurring rare frequent
prevent prevention reduce lower improve manage management control monitor track measure record
feel feeling feelings notice report describe explain ask talk discuss decide choose plan goal goals
week weeks month months year hours minutes morning evening night regular routine habit habits
healthy unhealthy balanced active inactive sedentary walking running swimming cycling stretching
strength balance posture flexibility recovery rest relaxation breathing hydration thirst appetite
digestion metabolism hormone hormones thyroid pregnancy birth baby infant toddler teenager puberty
menopause fertility contraception sexual urinary bladder prostate breast ovary uterus cervix
testicular genetic genes inherited lifestyle environment pollution sunlight temperature season
winter summer travel work school home community access cost insurance equipment device monitor
reading readings number numbers percent average normal range target threshold result results
diagnosis diagnose diagnosed assessment examination history questions questionnaire score scores
stage stages grade type types form forms group groups factor factors cause causes trigger triggers
episode episodes attack attacks flare flares relapse remission cure cured outcome outcomes survival
quality independence confidence wellbeing support network carer carers partner friends relatives
first second third next last new current previous recent later earlier soon still already again
important useful helpful difficult easy simple clear small large little much less least best better
worse worst different similar same certain specific main major minor key whole full part
""".split()

# Zipf-like weights: the first words are far more frequent than the last.
CUM_WEIGHTS = list(accumulate(1.0 / (rank + 3) for rank in range(len(VOCABULARY))))

CONDITIONS = """
asthma eczema psoriasis migraine diabetes hypertension gout arthritis osteoporosis anaemia
depression anxiety insomnia obesity acne rosacea sinusitis bronchitis pneumonia influenza
measles chickenpox shingles tonsillitis otitis conjunctivitis glaucoma cataracts tinnitus vertigo
angina arrhythmia heart-failure stroke epilepsy dementia parkinsonism sciatica scoliosis tendinitis
bursitis fibromyalgia lupus coeliac-disease crohns-disease colitis reflux gallstones hepatitis
cirrhosis pancreatitis kidney-stones cystitis prostatitis endometriosis menopause infertility
pre-eclampsia jaundice colic croup bronchiolitis scarlet-fever impetigo head-lice threadworms
allergies hay-fever urticaria dermatitis melanoma leukaemia lymphoma tuberculosis malaria
dengue cholera typhoid hiv sepsis meningitis concussion whiplash burns sunburn dehydration
""".split()

TITLE_PATTERNS = [
    "{C}: symptoms, causes and treatment",
    "Understanding {c}",
    "Living well with {c}",
    "How {c} is diagnosed",
    "{C} in children: what parents should know",
    "Managing {c} at home",
    "When to see a doctor about {c}",
    "{C} and your diet",
    "Exercise and {c}",
    "Medicines for {c}: benefits and side effects",
    "Preventing {c}: what the evidence says",
    "{C} in older adults",
    "Myths and facts about {c}",
    "Pregnancy and {c}",
    "Sleep, stress and {c}",
]

HEADINGS = [
    "Symptoms", "Causes and risk factors", "How it is diagnosed", "Treatment", "Living with it",
    "When to see a doctor", "Prevention", "Outlook", "Complications", "Self-care at home",
    "Medicines and side effects", "Questions to ask your doctor", "Support for carers", "What the research shows",
]  # fmt: skip

FIRST_NAMES = """
Amara Ben Chloe Daniel Elena Farid Grace Hannah Ibrahim Julia Kenji Laila Marco Nadia Oliver Priya
Quentin Rosa Samuel Tara Umar Vera William Ximena Yusuf Zoe Aisha Bruno Carmen Dmitri Esther Felix
""".split()
LAST_NAMES = """
Okafor Lindqvist Moreau Haddad Nakamura Rahman Silva Kowalski Osei Fischer Novak Costa Ali Brennan
Petrov Mensah Duarte Jensen Varga Tanaka Hughes Romero Ahmed Keller Byrne Singh Rossi Lopez
""".split()
SPECIALTIES = [
    "Internal medicine", "Cardiology", "Endocrinology", "Paediatrics", "Psychiatry", "Dermatology",
    "Family medicine", "Neurology", "Gastroenterology", "Obstetrics and gynaecology",
]  # fmt: skip

TOP_CATEGORIES = [
    "Diseases", "Nutrition", "Mental health", "Children's health", "Healthy living", "Women's health",
    "Men's health", "Older people", "Medicines", "Infections", "Tests and procedures", "Pregnancy",
]  # fmt: skip
SUBCATEGORIES = [
    "Heart health", "Diabetes", "Cancer", "Lung health", "Vitamins and minerals", "Weight", "Food safety",
    "Depression", "Anxiety", "Sleep", "Vaccinations", "Newborns", "Teenagers", "Exercise", "Smoking",
    "Alcohol", "Menopause", "Contraception", "Prostate", "Dementia", "Falls and bones", "Painkillers",
    "Antibiotics", "Colds and flu", "Skin infections", "Travel health", "Blood tests", "Scans",
    "Surgery", "Fertility", "Birth", "Skin", "Eyes", "Ears, nose and throat", "Kidneys", "Digestion",
    "Allergies", "Joints and muscles",
]  # fmt: skip
CONDITION_OF = {"Diabetes": "Diabetes mellitus", "Depression": "Depressive disorder", "Asthma": "Asthma"}

PUBLISHERS = [
    ("World Health Organization", "www.who.int/news-room/fact-sheets/detail"),
    ("Centers for Disease Control and Prevention", "www.cdc.gov/health-topics"),
    ("NHS", "www.nhs.uk/conditions"),
    ("Cleveland Clinic", "my.clevelandclinic.org/health/diseases"),
    ("Mayo Clinic", "www.mayoclinic.org/diseases-conditions"),
    ("National Institutes of Health", "medlineplus.gov"),
]
JOURNALS = [
    ("N Engl J Med", "nejm"), ("Lancet", "lancet"), ("BMJ", "bmj"), ("JAMA", "jama"),
    ("Ann Intern Med", "aim"), ("Pediatrics", "peds"), ("Diabetes Care", "dc"), ("Circulation", "circ"),
]  # fmt: skip


def words(rng, count):
    return rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=count)


def sentences(rng, drawn, marks):
    """Cut the ``drawn`` words into sentences; about one in three ends with a citation mark."""
    out, i = [], 0
    while i < len(drawn):
        n = rng.randint(8, 22)
        chunk = drawn[i : i + n]
        i += n
        sentence = " ".join(chunk)
        sentence = sentence[0].upper() + sentence[1:] + "."
        if marks and rng.random() < 0.33:
            numbers = rng.sample(range(1, 11), rng.choice((1, 1, 1, 2)))
            sentence += "<sup>" + "".join(f"[{n}]" for n in sorted(numbers)) + "</sup>"
        out.append(sentence)
    return " ".join(out)


def body(rng, condition, rare=False, length=1500):
    """About ``length`` words of HTML: paragraphs under 4–6 <h2> headings, with citation marks."""
    sections = rng.sample(HEADINGS, rng.randint(4, 6))
    words_left = length + rng.randint(-150, 150)
    per_section = (words_left - 61) // len(sections)
    parts = [f"<p>{sentences(rng, [condition, *words(rng, 60)], marks=True)}</p>"]
    for heading in sections:
        parts.append(f"<h2>{heading}</h2>")
        left = per_section
        while left > 0:
            n = min(left, rng.randint(50, 110))
            left -= n
            parts.append(f"<p>{sentences(rng, words(rng, n), marks=True)}</p>")
    if rare:
        parts.append(f"<p>Some people notice {RARE_WORD} around the eyes; ask a doctor to check it.</p>")
    return "".join(parts)


def summary(rng, condition):
    text = sentences(rng, [condition, *words(rng, rng.randint(20, 40))], marks=False)
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "."


def title(rng):
    condition = rng.choice(CONDITIONS).replace("-", " ")
    pattern = rng.choice(TITLE_PATTERNS)
    return pattern.format(c=condition, C=condition[0].upper() + condition[1:]), condition


def slug(text, number):
    return f"{slugify(text)[:180]}-{number}"


def citations(rng, condition, article_year):
    """Ten citation field dicts, mixing web pages (URL), journal papers (DOI and PMID) and PMID- or DOI-only ones."""
    result = []
    for position in range(1, 11):
        kind = rng.choices(["url", "doi+pmid", "pmid", "doi"], weights=[4, 4, 1, 1])[0]
        year = rng.randint(article_year - 12, article_year)
        names = [f"{rng.choice(LAST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRS')}" for _ in range(rng.randint(1, 3))]
        authors = ", ".join(names)
        fields = {"position": position, "publication_year": year}
        if kind == "url":
            publisher, base = rng.choice(PUBLISHERS)
            fields |= {
                "title": f"{condition[0].upper()}{condition[1:]}: {rng.choice(HEADINGS).lower()}",
                "publisher": publisher,
                "url": f"https://{base}/{slugify(condition)}-{rng.randint(1, 999)}",
                "accessed_on": datetime.date(article_year, rng.randint(1, 12), rng.randint(1, 28)),
            }
        else:
            journal, code = rng.choice(JOURNALS)
            sentence = " ".join(words(rng, rng.randint(6, 12)))
            fields |= {"authors": authors + ", et al." if rng.random() < 0.5 else authors, "publisher": journal,
                       "title": f"{sentence[0].upper()}{sentence[1:]} in {condition}"}  # fmt: skip
            if "doi" in kind:
                fields["doi"] = f"10.{rng.randint(1000, 99999)}/{code}.{year}.{rng.randint(1, 99999):05d}"
            if "pmid" in kind:
                fields["pmid"] = str(rng.randint(10_000_000, 39_999_999))
        result.append(fields)
    return result


def person_names(count, rng):
    """``count`` distinct "First Last" names."""
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} distinct names")
    return [f"{first} {last}" for first, last in pairs[:count]]
