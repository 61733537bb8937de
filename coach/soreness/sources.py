"""Where coach's findings come from: one short citation each, shown in every tip's why.

The article coach grew from is a source too, for advice no trial has tested; its citation
says so, so a runner reads it as something to try and track, not a fact.
"""

from __future__ import annotations

from typing import Final

LAU_2013: Final = "Lau, Muthalib & Nosaka 2013, J Musculoskelet Pain 21(4)"
VAN_HOOREN_2018: Final = "Van Hooren & Peake 2018, Sports Med 48:1575–95"
FRADKIN_2010: Final = "Fradkin et al. 2010, JSCR 24:140–8"
HERBERT_2011: Final = "Herbert, de Noronha & Kamper 2011, Cochrane CD004577"
WIEWELHOVE_2019: Final = "Wiewelhove et al. 2019, Front Physiol 10:376"
DUPUY_2018: Final = "Dupuy et al. 2018, Front Physiol 9:403"
BIEUZEN_2013: Final = "Bieuzen et al. 2013, PLoS One 8:e62356"
FRANDSEN_2025: Final = "Frandsen et al. 2025, BJSM 59:1203–10"
MALISOUX_2015: Final = "Malisoux et al. 2015, SJMSS 25:110–5"
BONTEMPS_2020: Final = "Bontemps et al. 2020, Sports Med 50:2083–110"
LAUERSEN_2014: Final = "Lauersen et al. 2014, BJSM 48:871–7"
WARDEN_2014: Final = "Warden, Davis & Fredericson 2014, JOSPT 44:749–65"
HEIDERSCHEIT_2011: Final = "Heiderscheit et al. 2011, MSSE 43:296–302"
ALFREDSON_1998: Final = "Alfredson et al. 1998, AJSM 26:360–6"
KOC_2023: Final = "Koc et al. 2023, JOSPT 53(12):CPG1–39"
DAHM_2010: Final = "Dahm et al. 2010, Cochrane CD007612"
NHS_DVT: Final = "NHS, Deep vein thrombosis (DVT), nhs.uk"
NHS_BACK: Final = "NHS, Back pain and cauda equina syndrome, nhs.uk"
KIM_2016: Final = "Kim et al. 2016, J Sport Health Sci 5:324–33"
DAVIS_2020: Final = "Davis, Alabed & Chico 2020, BMJ Open SEM 6:e000614"
FOAM_ROLLING_2024: Final = "Zhou et al. 2024, J Bodyw Mov Ther 40:1890–8"
MOORE_2022: Final = "Moore et al. 2022, Sports Med 52:1667–88"
WU_2024: Final = "Wu et al. 2024, Sports Med 54:1249–67"
ARNTZ_2023: Final = "Arntz et al. 2023, Sports Med 53:723–45"
ARTICLE: Final = "coach's source article; untested: try it and track it"
