"""Every tip coach can give, as data: what to do, and why, with the source of the why.

A tip is a title, one or two short sentences, the finding behind it and where that finding
comes from. Tips from the article coach grew from that no trial has tested (a warm bath,
potassium-rich food) say so in their source: they are things to try and track, not facts.
Nothing here claims lactic acid causes next-day soreness: it clears within about an hour
(Cheung, Hume & Maxwell 2003).

``{where}`` in a title or text is filled with the regions (or warning signs) a rule is
about, as they read inside a sentence.

Longer than most modules on purpose: it is the catalogue of every word of advice, one tip
after another, so the whole of it can be read and checked in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from coach.soreness import sources as src
from coach.soreness.escalation import Urgency

Section: TypeAlias = Literal["specialist", "today", "next_run"]
TipKind: TypeAlias = Literal["tip", "specialist"]


@dataclass(frozen=True)
class Tip:
    id: str
    title: str
    text: str
    """One or two short sentences; ``{where}`` is filled with what the rule is about."""
    finding: str
    """What is known, in one short clause, without the source."""
    source: str
    """Where the finding comes from: a study, a review, or the source article."""
    section: Section = "today"
    urgency: Urgency | None = None
    """How soon, for a specialist message."""

    @property
    def kind(self) -> TipKind:
        return "specialist" if self.section == "specialist" else "tip"

    @property
    def why(self) -> str:
        """The finding and its source, as one line."""
        return f"{self.finding} ({self.source})"

    @property
    def reason(self) -> str:
        """What a specialist message says: the sign or region, and what to do."""
        return self.text

    def filled(self, where: str) -> Tip:
        return Tip(
            self.id, self.title.replace("{where}", where), self.text.replace("{where}", where),
            self.finding, self.source, self.section, self.urgency,
        )


# --- specialist messages --------------------------------------------------------------------

SPECIALIST_EMERGENCY = Tip(
    "specialist-emergency",
    "Call emergency services now",
    "You noted {where}. With back pain, numbness between the legs or new trouble with your "
    "bladder or bowel can mean the nerves at the base of the spine are squeezed (cauda equina "
    "syndrome): call emergency services or go to an emergency department now. Don't wait to "
    "see if it passes.",
    "Numbness in the saddle area or new bladder or bowel trouble with back pain can be cauda "
    "equina syndrome, an emergency: treated early, the nerves recover better",
    src.NHS_BACK, "specialist", "emergency",
)
SPECIALIST_URGENT = Tip(
    "specialist-urgent",
    "See a doctor today",
    "You noted {where}. A swollen, warm or red calf can be a blood clot: call a doctor or an "
    "urgent care service today. If you are also short of breath or have chest pain, call "
    "emergency services now: the clot may have reached your lungs. Don't massage it and "
    "don't run on it.",
    "A swollen, warm, red, painful calf can be a deep-vein thrombosis and needs checking the "
    "same day; with breathlessness or chest pain it is an emergency",
    src.NHS_DVT, "specialist", "urgent",
)
SPECIALIST_BREAKDOWN = Tip(
    "specialist-muscle-breakdown",
    "See a doctor today",
    "Extreme muscle pain after a long or very hard effort, above all with dark, cola-coloured "
    "urine or very little urine, can be muscle breakdown (rhabdomyolysis), which can harm the "
    "kidneys: see a doctor or an urgent care service today. Drink water; don't rub, heat or "
    "stretch the muscles, and don't run.",
    "Severe muscle pain and dark urine after hard exercise are the signs of exertional "
    "rhabdomyolysis, which can damage the kidneys and needs tests and fluids early",
    src.KIM_2016, "specialist", "urgent",
)
SPECIALIST_SIGN = Tip(
    "specialist-sign",
    "Have it checked: {where}",
    "You noted {where}. That points to an injury rather than normal soreness: stop running "
    "on it and see a sports doctor or physiotherapist in the next few days.",
    "Warning signs such as sharp pain, swelling, night pain or a tender spot on a bone mark "
    "an injury; bone stress injuries caught early heal sooner",
    src.WARDEN_2014, "specialist", "soon",
)
SPECIALIST_SEVERE = Tip(
    "specialist-severe",
    "See a specialist about your {where}",
    "Pain of 8 or more in your {where} is more than normal soreness: joints, feet and shins "
    "can hide an injury. Rest it and book a sports doctor or physiotherapist now.",
    "Strong pain in a joint or a bone can be an injury, such as a stress fracture in the shin "
    "or foot, which needs rest and a diagnosis early",
    src.WARDEN_2014, "specialist", "soon",
)
SPECIALIST_RISING = Tip(
    "specialist-rising",
    "See a specialist about your {where}",
    "Soreness in your {where} is rising again three days or more after your last run, with "
    "no run since. Normal soreness would be easing by now: ease off and have a sports doctor "
    "or physiotherapist look.",
    "Delayed muscle soreness peaks 24–72 h after effort and then eases; pain that rises after "
    "that is not the normal kind",
    src.LAU_2013, "specialist", "soon",
)
SPECIALIST_STILL_SORE = Tip(
    "specialist-still-sore",
    "See a specialist about your {where}",
    "Soreness in your {where} has stayed at 5 or more for five days or longer, with no run in "
    "between. Normal "
    "soreness is gone or nearly gone by now: ease off and have a sports doctor or "
    "physiotherapist look.",
    "Delayed muscle soreness peaks 24–72 h after effort and then fades; soreness that stays "
    "is not the normal kind",
    src.LAU_2013, "specialist", "soon",
)
SPECIALIST_NOT_EASING = Tip(
    "specialist-not-easing",
    "See a specialist about your {where}",
    "Soreness in your {where} is still 5 or more three days on and has not eased by 2 "
    "points. Normal soreness would be easing by now: ease off and have a sports doctor or "
    "physiotherapist look.",
    "Delayed muscle soreness peaks 24–72 h after effort and then eases; soreness that does "
    "not ease after that is worth a specialist's look",
    src.LAU_2013, "specialist", "soon",
)

# --- today: the lead line ---------------------------------------------------------------

REST_SEVERE = Tip(
    "rest-severe",
    "Rest today",
    "Soreness this strong in your {where} needs rest: no running for a day or two. It should "
    "ease clearly within 2–3 days; if it doesn't, have it checked. If your urine turns dark "
    "or you pass very little, see a doctor today.",
    "Delayed muscle soreness peaks by about 72 h and then eases; strong soreness that does "
    "not ease is worth a specialist's look",
    src.LAU_2013,
)
FIRST_CHECK_IN = Tip(
    "first-check-in",
    "Soreness is normal at first",
    "Your first check-in. When running is new, or new again, sore legs are normal for the "
    "first weeks: it peaks 1–3 days after a run and fades as your legs get used to it.",
    "Muscle soreness peaks about 24–72 h after unfamiliar effort and fades over days",
    src.LAU_2013,
)
BACK_AFTER_A_BREAK = Tip(
    "back-after-a-break",
    "Back after a break",
    "It's been a while since your last check-in. Some soreness after the first runs back is "
    "normal and passes in a few days; keep those runs shorter than before the break.",
    "A run much longer than your longest of the last 30 days raises overuse injury risk",
    src.FRANDSEN_2025,
)
NORMAL_SORENESS = Tip(
    "normal-soreness",
    "Normal delayed soreness",
    "This is the usual soreness after a harder or newer effort: it peaks 1–3 days after the "
    "run, then eases. Nothing to worry about while it keeps easing.",
    "Muscle soreness after exercise peaks about 24–72 h later and fades over the next days",
    src.LAU_2013,
)
MILD_IS_NORMAL = Tip(
    "mild-is-normal",
    "A little soreness is normal",
    "Light soreness after a run is normal and usually fades within a day or two.",
    "Muscle soreness after exercise peaks about 24–72 h later and then fades",
    src.LAU_2013,
)
ALL_GOOD = Tip(
    "all-good",
    "Legs feel good",
    "No soreness so far. It can take a day or two to show, so coach asks again tomorrow.",
    "Soreness can lag a day or two behind a run, which is why coach asks again tomorrow",
    src.LAU_2013,
)
KEEP_IT_UP = Tip(
    "keep-it-up",
    "Legs feel good",
    "No soreness a day or more after your run: whatever you did around it suits your legs, "
    "so keep it up.",
    "Soreness from a run shows within 24–72 h, so none the next day is a good sign",
    src.LAU_2013,
)

# --- today: regions where runners get hurt -----------------------------------------------

SHIN_BONE_CHECK = Tip(
    "shin-bone-check",
    "Check your shins",
    "Press gently along the shin bone: an ache in the muscle beside it is common. If one spot "
    "on the bone itself hurts, don't run on it or rub it, and have a sports doctor or "
    "physiotherapist check it.",
    "Pinpoint tenderness on the bone is the classic sign of a bone stress injury, which heals "
    "sooner when it is rested early",
    src.WARDEN_2014,
)
MORNING_HEEL = Tip(
    "morning-heel",
    "Heel pain on the first steps",
    "If your heels hurt most on the first steps out of bed, stretch your calves and soles "
    "before you stand up and wear supportive shoes indoors.",
    "Calf and sole stretching, supportive shoes and insoles are recommended for heel pain of "
    "this kind",
    src.KOC_2023,
)
BACK_KEEP_MOVING = Tip(
    "back-keep-moving",
    "Keep your back moving",
    "A sore lower back usually does better with gentle movement than with lying down: walk, "
    "and try the rest-day mobility routine.",
    "For acute low-back pain, advice to stay active helped pain and function a little more "
    "than bed rest",
    src.DAHM_2010,
)

# --- today: recovery remedies --------------------------------------------------------------

SELF_MASSAGE = Tip(
    "self-massage",
    "Rub them warm",
    "Knead and rub your {where} with both hands, one muscle at a time, until warm, or roll "
    "them slowly on a foam roller.",
    "Massage and foam rolling modestly ease soreness (g ≈ 0.47), foam rolling most at "
    "48–72 h, with small gains in flexibility and none in performance",
    f"{src.WIEWELHOVE_2019}; {src.FOAM_ROLLING_2024}; {src.DAVIS_2020}",
)
COOLING_GEL = Tip(
    "cooling-gel",
    "Soothe tired feet",
    "Rub a cooling gel into your soles and heels with a slow, gentle massage.",
    "Massage eases soreness a little in trials; the cooling gel is the article's extra",
    f"{src.DUPUY_2018}; {src.DAVIS_2020}; {src.ARTICLE}",
)
CONTRAST_SHOWER = Tip(
    "contrast-shower",
    "Contrast shower",
    "In the shower, switch between warm and cool water a few times, ending on cool.",
    "Alternating hot and cold water eased soreness more than rest, though no more than other "
    "methods",
    src.BIEUZEN_2013,
)
COLD_WATER = Tip(
    "cold-water",
    "Cool soak",
    "After a very hard session, sit in cool water up to your waist for about 10 minutes, or "
    "stand under a cool shower.",
    "After hard exercise, cold-water immersion eased soreness at 24 h more than rest did, "
    "though strength came back no faster",
    src.MOORE_2022,
)
WARM_BATH = Tip(
    "warm-bath",
    "Warm bath or sauna",
    "Soak in a warm bath or sit in a sauna for a while: warmth relaxes tight muscles.",
    "Many runners find heat soothing after a run; trials on soreness are few",
    src.ARTICLE,
)
EASY_BIKE = Tip(
    "easy-bike",
    "Easy bike ride",
    "A short, relaxed bike ride moves sore legs gently, without the pounding of running.",
    "Light, easy movement is the article's way to loosen sore legs; trials on it are mixed",
    src.ARTICLE,
)
POTASSIUM_CALCIUM = Tip(
    "potassium-calcium",
    "Eat for recovery",
    "Have a proper meal with potassium- and calcium-rich foods: bananas, dried apricots, "
    "beans, lentils, oats, potatoes or nuts.",
    "A meal refills what the run used; the potassium and calcium foods are the article's "
    "advice",
    src.ARTICLE,
)
DRINK_WATER = Tip(
    "drink-water",
    "Drink plenty",
    "Top up on water today, more after a long or hot run.",
    "Being short of fluid can make legs ache on its own",
    src.ARTICLE,
)
REST_UNTIL_CHECKED = Tip(
    "rest-until-checked",
    "Rest until it's checked",
    "Don't run, stretch hard or massage the painful spot until someone has looked at it.",
    "Running on an injury can turn a short break into a long one; bone stress injuries "
    "caught early heal sooner",
    src.WARDEN_2014,
)

# --- next run ------------------------------------------------------------------------------

LOAD_SPIKE = Tip(
    "load-spike",
    "Grow your longest run gently",
    "This run was more than 10% longer than your longest of the previous 30 days. Next time, "
    "lengthen your longest run in smaller steps.",
    "A run more than 10% longer than the longest of the previous 30 days raised overuse "
    "injury risk (5,205 runners)",
    src.FRANDSEN_2025, "next_run",
)
REST_DAY = Tip(
    "rest-day",
    "Plan a rest day",
    "You've run several days in a row and your legs are sore. Take a day off, or keep "
    "tomorrow's run short and easy.",
    "Too many runs without rest is one of the common causes of sore legs; legs adapt between "
    "runs",
    src.ARTICLE, "next_run",
)
EASY_DAY = Tip(
    "easy-day",
    "Easy day next",
    "That was a very hard session. Make the next one a rest day or an easy run.",
    "Hard sessions build fitness when easy days follow them; the article's advice is rest "
    "between hard efforts",
    src.ARTICLE, "next_run",
)
DOWNHILL_QUADS = Tip(
    "downhill-quads",
    "Sore quads? Think downhills",
    "Quads ache most after downhill running, when they brake every step. Take descents with "
    "short, quick steps, and add a little downhill each week: legs adapt fast.",
    "Downhill (eccentric) running drives muscle damage and soreness; earlier downhill "
    "running protects",
    src.BONTEMPS_2020, "next_run",
)
KNEE_STEPS = Tip(
    "knee-steps",
    "Shorter steps for your knees",
    "Try slightly shorter, quicker steps (5–10% more a minute) with the foot landing under "
    "you, and take downhills slowly.",
    "Raising step rate by 5–10% reduced the load the knee absorbs with each step",
    src.HEIDERSCHEIT_2011, "next_run",
)
SHIN_BUILD_UP = Tip(
    "shin-build-up",
    "Build up slowly for your shins",
    "Shins adapt slowly: add running time in small steps, mix in softer ground, and do the "
    "shin and Achilles care routine twice a week.",
    "Bone stress injuries come from load rising faster than bone adapts",
    src.WARDEN_2014, "next_run",
)
ACHILLES_RAISES = Tip(
    "achilles-raises",
    "Slow calf raises for the Achilles",
    "Only if the pain is mild: on a step, rise on both feet and lower slowly on one, over 3 "
    "seconds, 15 times a side; stop if it gets worse. If it hurts where the tendon meets the "
    "heel bone, don't drop the heel below the step. The shin and Achilles care routine has "
    "them.",
    "In a small trial, slow heavy calf-raise training got runners with lasting Achilles pain "
    "back to running within 12 weeks",
    src.ALFREDSON_1998, "next_run",
)
FEET_SHOES = Tip(
    "cushioned-shoes",
    "Shoes and insoles",
    "Run in cushioned shoes made for running, and rotate two pairs if you can. Flat or tired "
    "arches may like insoles with arch support.",
    "Runners who used more than one pair of shoes had fewer injuries (HR 0.61); insoles are "
    "the article's advice",
    f"{src.MALISOUX_2015}; {src.ARTICLE}",
    "next_run",
)
HIP_STRENGTH = Tip(
    "hip-strength",
    "Strength for your {where}",
    "Bridges, side planks and split squats twice a week make hips and trunk steadier: the "
    "runner strength routine has them. They helped runners most when a coach or physio "
    "supervised them.",
    "Across sports, strength training reduced injuries to under a third and exercise "
    "programmes almost halved overuse injuries; in runners, only supervised programmes "
    "reduced injuries",
    f"{src.LAUERSEN_2014}; {src.WU_2024}", "next_run",
)
SOFTER_GROUND = Tip(
    "softer-ground",
    "Pick softer ground",
    "Now and then run on a park path, a trail or a rubber track instead of asphalt, and note "
    "whether your legs feel better.",
    "Softer ground feels kinder to many runners; evidence on injuries is thin",
    src.ARTICLE, "next_run",
)
WARM_UP_FIRST = Tip(
    "warm-up-first",
    "Warm up first",
    "Start with a few minutes of easy jogging and some drills; the quick warm-up takes 4 "
    "minutes. If you feel stiff, as many do early in the day, take longer.",
    "Warming up improved performance in most studies, with little sign of harm",
    src.FRADKIN_2010, "next_run",
)
WALK_BEFORE_YOU_STOP = Tip(
    "walk-it-off",
    "Walk before you stop",
    "End with 5–10 minutes of easy walking: breathing and heart rate settle gently and you "
    "avoid feeling light-headed. It won't do much for tomorrow's soreness.",
    "An active cool-down lets heart rate and breathing settle but barely changes next-day "
    "soreness or injury risk",
    src.VAN_HOOREN_2018, "next_run",
)
STRETCH_FOR_COMFORT = Tip(
    "stretch-for-comfort",
    "Stretch for comfort",
    "Stretch after the run if it feels good, holding each stretch 30 seconds. Don't count on "
    "it to prevent soreness.",
    "Stretching reduced soreness by only about 1 point on a 100-point scale; stretching over "
    "weeks made muscles more flexible without weakening them",
    f"{src.HERBERT_2011}; {src.ARNTZ_2023}", "next_run",
)

RETIRED: Final[dict[str, str]] = {
    "technique": "Check your form",
    "arch-support": "Support your arches",
    "downhills": "Go easy downhill",
    "elastic-bandage": "Support an old injury",
    "specialist-persistent": "See a specialist",
    "specialist-lingering": "See a specialist",
}
"""Titles of tips coach no longer gives, so entries that were shown them still read well."""

TIPS: Final[tuple[Tip, ...]] = (
    SPECIALIST_EMERGENCY, SPECIALIST_URGENT, SPECIALIST_BREAKDOWN, SPECIALIST_SIGN,
    SPECIALIST_SEVERE, SPECIALIST_RISING, SPECIALIST_STILL_SORE, SPECIALIST_NOT_EASING,
    REST_SEVERE, FIRST_CHECK_IN, BACK_AFTER_A_BREAK, NORMAL_SORENESS, MILD_IS_NORMAL, ALL_GOOD,
    KEEP_IT_UP, SHIN_BONE_CHECK, MORNING_HEEL, BACK_KEEP_MOVING, SELF_MASSAGE, COOLING_GEL,
    CONTRAST_SHOWER, COLD_WATER, WARM_BATH, EASY_BIKE, POTASSIUM_CALCIUM, DRINK_WATER,
    REST_UNTIL_CHECKED, LOAD_SPIKE, REST_DAY, EASY_DAY, DOWNHILL_QUADS, KNEE_STEPS,
    SHIN_BUILD_UP, ACHILLES_RAISES, FEET_SHOES, HIP_STRENGTH, SOFTER_GROUND, WARM_UP_FIRST,
    WALK_BEFORE_YOU_STOP, STRETCH_FOR_COMFORT,
)
"""Every tip coach gives today."""
CATALOG: Final[dict[str, Tip]] = {tip.id: tip for tip in TIPS}
"""Tips by the id saved with a soreness entry."""
NAMING_SIGNS: Final[frozenset[str]] = frozenset({
    SPECIALIST_EMERGENCY.id, SPECIALIST_URGENT.id, SPECIALIST_SIGN.id,
})
"""Tips whose ``{where}`` names the warning signs reported, not the sore regions."""
