import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findCity, POSTAL_DATA, searchPostalCodes } from './postal.service.js';

/**
 * The answers the portal gave when it read the codes-postaux package (4.1.2) directly, before the data was shipped
 * as postal-data.tsv.gz (scripts/build-postal-data.ts): the same [INSEE code, commune] for each postal code, in the
 * same order. (The whole set — every postal code, every 2- to 4-digit prefix, every commune by name, 92,247
 * answers — was compared when the file was made: identical.)
 */
const BEFORE: Record<string, [string, string][]> = {
  // Corsica: 20xxx postal codes, 2A (Corse-du-Sud) and 2B (Haute-Corse) INSEE codes
  '20000': [['2A004', 'Ajaccio'], ['2A139', 'Lecci']],
  '20090': [['2A004', 'Ajaccio']],
  '20137': [['2A139', 'Lecci'], ['2A247', 'Porto-Vecchio'], ['2A300', 'San-Gavino-di-Carbini']],
  '20200': [['2B033', 'Bastia'], ['2B305', 'San-Martino-di-Lota'], ['2B309', 'Santa-Maria-di-Lota'], ['2B353', 'Ville-di-Pietrabugno']],
  '20600': [['2B033', 'Bastia'], ['2B120', 'Furiani']],
  // overseas departments: 97xxx
  '97100': [['97105', 'Basse-Terre']],
  '97200': [['97209', 'Fort-de-France']],
  '97300': [['97302', 'Cayenne']],
  '97400': [['97411', 'Saint-Denis']],
  '97600': [['97610', 'Koungou'], ['97611', 'Mamoudzou']],
  // overseas collectivities (Saint-Barthélemy, Saint-Martin) and Monaco are not in the file, then as now
  '97133': [],
  '97150': [],
  '98000': [],
  // Paris, Lyon and Marseille: one INSEE code per arrondissement (751xx, 6938x, 132xx)
  '75001': [['75101', 'Paris 1er Arrondissement']],
  '75008': [['75108', 'Paris 8e Arrondissement']],
  '75116': [['75116', 'Paris 16e Arrondissement']],
  '75020': [['75120', 'Paris 20e Arrondissement']],
  '69001': [['69381', 'Lyon 1er Arrondissement']],
  '69009': [['69389', 'Lyon 9e Arrondissement']],
  '13001': [['13201', 'Marseille 1er Arrondissement']],
  '13016': [['13215', 'Marseille 15e Arrondissement'], ['13216', 'Marseille 16e Arrondissement']],
  // several communes under one postal code; leading zeros kept
  '01000': [['01053', 'Bourg-en-Bresse'], ['01344', 'Saint-Denis-lès-Bourg']],
  '06000': [['06088', 'Nice']],
  '59560': [['59152', 'Comines'], ['59643', 'Warneton']],
  '67000': [['67482', 'Strasbourg']],
  '73390': [
    ['73041', 'Betton-Bettonet'], ['73053', 'Bourgneuf'], ['73068', 'Chamousset'], ['73069', 'Chamoux-sur-Gelon'], ['73072', 'Champ-Laurent'],
    ['73079', 'Châteauneuf'], ['73133', 'Hauteville'], ['73166', 'Montendry'], ['73315', 'Villard-Léger'],
  ],
  '80120': [
    ['80025', 'Argoules'], ['80030', 'Arry'], ['80087', 'Bernay-en-Ponthieu'], ['80244', 'Dominois'], ['80303', 'Favières'],
    ['80332', 'Forest-Montiers'], ['80333', 'Fort-Mahon-Plage'], ['80580', 'Nampont'], ['80649', 'Quend'], ['80665', 'Regnière-Écluse'],
    ['80688', 'Rue'], ['80713', 'Saint-Quentin-en-Tourmont'], ['80787', 'Vercourt'], ['80806', 'Villers-sur-Authie'], ['80815', 'Vron'],
  ],
};

describe('postal codes from the shipped file', () => {
  it.each(Object.entries(BEFORE))('%s lists the same communes as before', (code, communes) => {
    expect(searchPostalCodes(code, 1000).map((m) => [m.inseeCode, m.city])).toEqual(communes);
    for (const [inseeCode, city] of communes) {
      expect(findCity(code, city)).toEqual({ postalCode: code, city, inseeCode });
      expect(findCity(code, city.toUpperCase().replace(/-/g, ' '))).toEqual({ postalCode: code, city, inseeCode });
    }
  });

  it('answers prefixes and names in the same order as before', () => {
    expect(searchPostalCodes('202').map((m) => `${m.postalCode} ${m.inseeCode}`)).toEqual([
      '20200 2B033', '20200 2B305', '20200 2B309', '20200 2B353', '20211 2B180', '20212 2B005', '20212 2B013', '20212 2B045', '20212 2B078', '20212 2B105',
      '20212 2B110', '20212 2B116', '20212 2B157', '20212 2B292', '20212 2B275', '20213 2B077', '20213 2B207', '20213 2B252', '20213 2B286', '20214 2B049',
    ]);
    expect(searchPostalCodes('st etienne', 5)).toEqual([
      { postalCode: '42000', city: 'Saint-Étienne', inseeCode: '42218' },
      { postalCode: '42100', city: 'Saint-Étienne', inseeCode: '42218' },
      { postalCode: '42230', city: 'Saint-Étienne', inseeCode: '42218' },
      { postalCode: '01370', city: 'Saint-Étienne-du-Bois', inseeCode: '01350' },
      { postalCode: '03300', city: 'Saint-Étienne-de-Vicq', inseeCode: '03230' },
    ]);
    expect(searchPostalCodes('ajac', 3).map((m) => [m.postalCode, m.city, m.inseeCode])).toEqual([
      ['11300', 'Ajac', '11003'],
      ['20000', 'Ajaccio', '2A004'],
      ['20090', 'Ajaccio', '2A004'],
    ]);
    expect(searchPostalCodes('75')).toHaveLength(20);
    expect(searchPostalCodes('')).toEqual([]);
    expect(findCity('59560', 'Lille')).toBeNull();
    expect(findCity('99999', 'Nowhere')).toBeNull();
  });

  it('ships one compact file: 35,684 (postal code, commune) lines, 6,201 postal codes', () => {
    const gz = fs.readFileSync(POSTAL_DATA);
    expect(gz.length).toBeLessThan(400 * 1024);
    const lines = zlib.gunzipSync(gz).toString('utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(35_684);
    expect(new Set(lines.map((l) => l.split('\t')[0])).size).toBe(6_201);
    for (const l of lines) expect(l).toMatch(/^\d{5}\t[0-9][0-9AB]\d{3}\t[^\t]+$/);
  });
});
