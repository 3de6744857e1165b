/**
 * The 25 safety regions (veiligheidsregio's) with their municipalities by CBS
 * code and name on the map of 1 January 2024, each municipality in exactly one.
 * Data only; regions.ts makes the regions of every kind from it, and
 * regions.test.ts holds it against CBS's list of municipalities.
 */

export interface SafetyRegionEntry {
  key: string;
  code: string;
  name: string;
  members: { code: string; name: string }[];
}

/** "GM0014 Groningen; GM0037 Stadskanaal; ..." as codes with names. */
function safetyRegion(key: string, code: string, name: string, list: string): SafetyRegionEntry {
  const members = list
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => ({ code: entry.slice(0, 6), name: entry.slice(7) }));
  return { key, code, name, members };
}

export const SAFETY_REGION_ENTRIES: readonly SafetyRegionEntry[] = [
  safetyRegion(
    'groningen',
    'VR01',
    'Groningen',
    `
    GM0014 Groningen; GM0037 Stadskanaal; GM0047 Veendam; GM0765 Pekela; GM1895 Oldambt; GM1950 Westerwolde;
    GM1952 Midden-Groningen; GM1966 Het Hogeland; GM1969 Westerkwartier; GM1979 Eemsdelta;
  `,
  ),
  safetyRegion(
    'fryslan',
    'VR02',
    'Fryslân',
    `
    GM0059 Achtkarspelen; GM0060 Ameland; GM0072 Harlingen; GM0074 Heerenveen; GM0080 Leeuwarden;
    GM0085 Ooststellingwerf; GM0086 Opsterland; GM0088 Schiermonnikoog; GM0090 Smallingerland; GM0093 Terschelling;
    GM0096 Vlieland; GM0098 Weststellingwerf; GM0737 Tytsjerksteradiel; GM1891 Dantumadiel; GM1900 Súdwest-Fryslân;
    GM1940 De Fryske Marren; GM1949 Waadhoeke; GM1970 Noardeast-Fryslân;
  `,
  ),
  safetyRegion(
    'drenthe',
    'VR03',
    'Drenthe',
    `
    GM0106 Assen; GM0109 Coevorden; GM0114 Emmen; GM0118 Hoogeveen; GM0119 Meppel; GM1680 Aa en Hunze;
    GM1681 Borger-Odoorn; GM1690 De Wolden; GM1699 Noordenveld; GM1701 Westerveld; GM1730 Tynaarlo;
    GM1731 Midden-Drenthe;
  `,
  ),
  safetyRegion(
    'ijsselland',
    'VR04',
    'IJsselland',
    `
    GM0148 Dalfsen; GM0150 Deventer; GM0160 Hardenberg; GM0166 Kampen; GM0175 Ommen; GM0177 Raalte;
    GM0180 Staphorst; GM0193 Zwolle; GM1708 Steenwijkerland; GM1773 Olst-Wijhe; GM1896 Zwartewaterland;
  `,
  ),
  safetyRegion(
    'twente',
    'VR05',
    'Twente',
    `
    GM0141 Almelo; GM0147 Borne; GM0153 Enschede; GM0158 Haaksbergen; GM0163 Hellendoorn; GM0164 Hengelo;
    GM0168 Losser; GM0173 Oldenzaal; GM0183 Tubbergen; GM0189 Wierden; GM1700 Twenterand; GM1735 Hof van Twente;
    GM1742 Rijssen-Holten; GM1774 Dinkelland;
  `,
  ),
  safetyRegion(
    'noord-en-oost-gelderland',
    'VR06',
    'Noord- en Oost-Gelderland',
    `
    GM0197 Aalten; GM0200 Apeldoorn; GM0213 Brummen; GM0222 Doetinchem; GM0230 Elburg; GM0232 Epe; GM0233 Ermelo;
    GM0243 Harderwijk; GM0244 Hattem; GM0246 Heerde; GM0262 Lochem; GM0269 Oldebroek; GM0273 Putten; GM0285 Voorst;
    GM0294 Winterswijk; GM0301 Zutphen; GM0302 Nunspeet; GM1509 Oude IJsselstreek; GM1586 Oost Gelre;
    GM1859 Berkelland; GM1876 Bronckhorst; GM1955 Montferland;
  `,
  ),
  safetyRegion(
    'gelderland-midden',
    'VR07',
    'Gelderland-Midden',
    `
    GM0202 Arnhem; GM0203 Barneveld; GM0221 Doesburg; GM0226 Duiven; GM0228 Ede; GM0267 Nijkerk; GM0274 Renkum;
    GM0275 Rheden; GM0277 Rozendaal; GM0279 Scherpenzeel; GM0289 Wageningen; GM0293 Westervoort; GM0299 Zevenaar;
    GM1705 Lingewaard; GM1734 Overbetuwe;
  `,
  ),
  safetyRegion(
    'gelderland-zuid',
    'VR08',
    'Gelderland-Zuid',
    `
    GM0209 Beuningen; GM0214 Buren; GM0216 Culemborg; GM0225 Druten; GM0252 Heumen; GM0263 Maasdriel;
    GM0268 Nijmegen; GM0281 Tiel; GM0296 Wijchen; GM0297 Zaltbommel; GM0668 West Maas en Waal; GM1740 Neder-Betuwe;
    GM1945 Berg en Dal; GM1960 West Betuwe;
  `,
  ),
  safetyRegion(
    'utrecht',
    'VR09',
    'Utrecht',
    `
    GM0307 Amersfoort; GM0308 Baarn; GM0310 De Bilt; GM0312 Bunnik; GM0313 Bunschoten; GM0317 Eemnes; GM0321 Houten;
    GM0327 Leusden; GM0331 Lopik; GM0335 Montfoort; GM0339 Renswoude; GM0340 Rhenen; GM0342 Soest; GM0344 Utrecht;
    GM0345 Veenendaal; GM0351 Woudenberg; GM0352 Wijk bij Duurstede; GM0353 IJsselstein; GM0355 Zeist;
    GM0356 Nieuwegein; GM0589 Oudewater; GM0632 Woerden; GM0736 De Ronde Venen; GM1581 Utrechtse Heuvelrug;
    GM1904 Stichtse Vecht; GM1961 Vijfheerenlanden;
  `,
  ),
  safetyRegion(
    'noord-holland-noord',
    'VR10',
    'Noord-Holland Noord',
    `
    GM0361 Alkmaar; GM0373 Bergen (NH.); GM0383 Castricum; GM0388 Enkhuizen; GM0399 Heiloo; GM0400 Den Helder;
    GM0405 Hoorn; GM0420 Medemblik; GM0432 Opmeer; GM0441 Schagen; GM0448 Texel; GM0498 Drechterland;
    GM0532 Stede Broec; GM1598 Koggenland; GM1911 Hollands Kroon; GM1980 Dijk en Waard;
  `,
  ),
  safetyRegion(
    'zaanstreek-waterland',
    'VR11',
    'Zaanstreek-Waterland',
    `
    GM0385 Edam-Volendam; GM0415 Landsmeer; GM0431 Oostzaan; GM0439 Purmerend; GM0479 Zaanstad; GM0852 Waterland;
    GM0880 Wormerland;
  `,
  ),
  safetyRegion(
    'kennemerland',
    'VR12',
    'Kennemerland',
    `
    GM0375 Beverwijk; GM0377 Bloemendaal; GM0392 Haarlem; GM0394 Haarlemmermeer; GM0396 Heemskerk; GM0397 Heemstede;
    GM0450 Uitgeest; GM0453 Velsen; GM0473 Zandvoort;
  `,
  ),
  safetyRegion(
    'amsterdam-amstelland',
    'VR13',
    'Amsterdam-Amstelland',
    `
    GM0358 Aalsmeer; GM0362 Amstelveen; GM0363 Amsterdam; GM0384 Diemen; GM0437 Ouder-Amstel; GM0451 Uithoorn;
  `,
  ),
  safetyRegion(
    'gooi-en-vechtstreek',
    'VR14',
    'Gooi en Vechtstreek',
    `
    GM0376 Blaricum; GM0402 Hilversum; GM0406 Huizen; GM0417 Laren; GM1696 Wijdemeren; GM1942 Gooise Meren;
  `,
  ),
  safetyRegion(
    'haaglanden',
    'VR15',
    'Haaglanden',
    `
    GM0503 Delft; GM0518 's-Gravenhage; GM0603 Rijswijk; GM0629 Wassenaar; GM0637 Zoetermeer; GM1783 Westland;
    GM1842 Midden-Delfland; GM1916 Leidschendam-Voorburg; GM1926 Pijnacker-Nootdorp;
  `,
  ),
  safetyRegion(
    'hollands-midden',
    'VR16',
    'Hollands Midden',
    `
    GM0484 Alphen aan den Rijn; GM0513 Gouda; GM0534 Hillegom; GM0537 Katwijk; GM0546 Leiden; GM0547 Leiderdorp;
    GM0553 Lisse; GM0569 Nieuwkoop; GM0575 Noordwijk; GM0579 Oegstgeest; GM0626 Voorschoten; GM0627 Waddinxveen;
    GM0638 Zoeterwoude; GM1525 Teylingen; GM1884 Kaag en Braassem; GM1892 Zuidplas; GM1901 Bodegraven-Reeuwijk;
    GM1931 Krimpenerwaard;
  `,
  ),
  safetyRegion(
    'rotterdam-rijnmond',
    'VR17',
    'Rotterdam-Rijnmond',
    `
    GM0489 Barendrecht; GM0502 Capelle aan den IJssel; GM0542 Krimpen aan den IJssel; GM0556 Maassluis;
    GM0597 Ridderkerk; GM0599 Rotterdam; GM0606 Schiedam; GM0613 Albrandswaard; GM0622 Vlaardingen;
    GM1621 Lansingerland; GM1924 Goeree-Overflakkee; GM1930 Nissewaard; GM1992 Voorne aan Zee;
  `,
  ),
  safetyRegion(
    'zuid-holland-zuid',
    'VR18',
    'Zuid-Holland-Zuid',
    `
    GM0482 Alblasserdam; GM0505 Dordrecht; GM0512 Gorinchem; GM0523 Hardinxveld-Giessendam;
    GM0531 Hendrik-Ido-Ambacht; GM0590 Papendrecht; GM0610 Sliedrecht; GM0642 Zwijndrecht; GM1963 Hoeksche Waard;
    GM1978 Molenlanden;
  `,
  ),
  safetyRegion(
    'zeeland',
    'VR19',
    'Zeeland',
    `
    GM0654 Borsele; GM0664 Goes; GM0677 Hulst; GM0678 Kapelle; GM0687 Middelburg; GM0703 Reimerswaal;
    GM0715 Terneuzen; GM0716 Tholen; GM0717 Veere; GM0718 Vlissingen; GM1676 Schouwen-Duiveland;
    GM1695 Noord-Beveland; GM1714 Sluis;
  `,
  ),
  safetyRegion(
    'midden-en-west-brabant',
    'VR20',
    'Midden- en West-Brabant',
    `
    GM0744 Baarle-Nassau; GM0748 Bergen op Zoom; GM0758 Breda; GM0766 Dongen; GM0777 Etten-Leur;
    GM0779 Geertruidenberg; GM0784 Gilze en Rijen; GM0785 Goirle; GM0798 Hilvarenbeek; GM0809 Loon op Zand;
    GM0824 Oisterwijk; GM0826 Oosterhout; GM0840 Rucphen; GM0851 Steenbergen; GM0855 Tilburg; GM0867 Waalwijk;
    GM0873 Woensdrecht; GM0879 Zundert; GM1655 Halderberge; GM1674 Roosendaal; GM1709 Moerdijk; GM1719 Drimmelen;
    GM1723 Alphen-Chaam; GM1959 Altena;
  `,
  ),
  safetyRegion(
    'brabant-noord',
    'VR21',
    'Brabant-Noord',
    `
    GM0755 Boekel; GM0757 Boxtel; GM0796 's-Hertogenbosch; GM0797 Heusden; GM0828 Oss; GM0845 Sint-Michielsgestel;
    GM0865 Vught; GM1721 Bernheze; GM1948 Meierijstad; GM1982 Land van Cuijk; GM1991 Maashorst;
  `,
  ),
  safetyRegion(
    'brabant-zuidoost',
    'VR22',
    'Brabant-Zuidoost',
    `
    GM0743 Asten; GM0753 Best; GM0762 Deurne; GM0770 Eersel; GM0772 Eindhoven; GM0794 Helmond;
    GM0820 Nuenen, Gerwen en Nederwetten; GM0823 Oirschot; GM0847 Someren; GM0848 Son en Breugel;
    GM0858 Valkenswaard; GM0861 Veldhoven; GM0866 Waalre; GM1652 Gemert-Bakel; GM1658 Heeze-Leende; GM1659 Laarbeek;
    GM1667 Reusel-De Mierden; GM1706 Cranendonck; GM1724 Bergeijk; GM1728 Bladel; GM1771 Geldrop-Mierlo;
  `,
  ),
  safetyRegion(
    'limburg-noord',
    'VR23',
    'Limburg-Noord',
    `
    GM0889 Beesel; GM0893 Bergen (L.); GM0907 Gennep; GM0944 Mook en Middelaar; GM0946 Nederweert; GM0957 Roermond;
    GM0983 Venlo; GM0984 Venray; GM0988 Weert; GM1507 Horst aan de Maas; GM1640 Leudal; GM1641 Maasgouw;
    GM1669 Roerdalen; GM1711 Echt-Susteren; GM1894 Peel en Maas;
  `,
  ),
  safetyRegion(
    'zuid-limburg',
    'VR24',
    'Zuid-Limburg',
    `
    GM0882 Landgraaf; GM0888 Beek; GM0899 Brunssum; GM0917 Heerlen; GM0928 Kerkrade; GM0935 Maastricht;
    GM0938 Meerssen; GM0965 Simpelveld; GM0971 Stein; GM0981 Vaals; GM0986 Voerendaal;
    GM0994 Valkenburg aan de Geul; GM1729 Gulpen-Wittem; GM1883 Sittard-Geleen; GM1903 Eijsden-Margraten;
    GM1954 Beekdaelen;
  `,
  ),
  safetyRegion(
    'flevoland',
    'VR25',
    'Flevoland',
    `
    GM0034 Almere; GM0050 Zeewolde; GM0171 Noordoostpolder; GM0184 Urk; GM0303 Dronten; GM0995 Lelystad;
  `,
  ),
];
