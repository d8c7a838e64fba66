/**
 * A few well-known procedures with their real names, so that demos and tests can use familiar ones.
 *
 * Certainty: names, levels, time limits, fees and legal bases are background knowledge [M], not read in a
 * source of the spec; fees vary by province and change often, so the amounts are illustrative. Their `MaTTHC`
 * codes are GENERATED like every other code: the spec (A6) gives no real code with its procedure, and we do
 * not claim any.
 */
import type { ApplicantType, ProcedureKind, ProcedureLevel } from './fields.js';

export interface RealFee {
  readonly kind: 'phi' | 'lephi';
  readonly name: string;
  /** VND. */
  readonly amount: number;
  readonly note?: string;
}

export interface RealProcedureSpec {
  readonly name: string;
  /** Field code from fields.ts. */
  readonly field: string;
  readonly level: ProcedureLevel;
  /** Decree 42/2022/NĐ-CP level we give it [M]. */
  readonly online: 'full' | 'partial';
  readonly kind: ProcedureKind;
  readonly processingDays: number;
  readonly applicants: ApplicantType;
  readonly fees: readonly RealFee[];
  readonly legal: ReadonlyArray<readonly [number: string, title: string]>;
  readonly documents: readonly string[];
  readonly result: string;
}

// Laws and decrees below are real documents [M]; later amendments are not tracked.
const HO_TICH: RealProcedureSpec['legal'] = [
  ['60/2014/QH13', 'Luật Hộ tịch'],
  ['123/2015/NĐ-CP', 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch'],
];
const DOANH_NGHIEP: RealProcedureSpec['legal'] = [
  ['59/2020/QH14', 'Luật Doanh nghiệp'],
  ['01/2021/NĐ-CP', 'Nghị định về đăng ký doanh nghiệp'],
];
const CAN_CUOC: RealProcedureSpec['legal'] = [['26/2023/QH15', 'Luật Căn cước']];

export const REAL_PROCEDURES: readonly RealProcedureSpec[] = [
  {
    name: 'Đăng ký khai sinh', field: 'LV001', level: 'commune', online: 'full', kind: 'dk', processingDays: 1, applicants: 'citizen',
    fees: [], legal: HO_TICH,
    documents: ['Tờ khai đăng ký khai sinh (theo mẫu)', 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh'],
    result: 'Giấy khai sinh (bản chính)',
  },
  {
    name: 'Đăng ký kết hôn', field: 'LV001', level: 'commune', online: 'partial', kind: 'dk', processingDays: 1, applicants: 'citizen',
    fees: [], legal: HO_TICH,
    documents: ['Tờ khai đăng ký kết hôn (theo mẫu)', 'Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký kết hôn không tại nơi thường trú)'],
    result: 'Giấy chứng nhận kết hôn',
  },
  {
    name: 'Đăng ký khai tử', field: 'LV001', level: 'commune', online: 'full', kind: 'dk', processingDays: 1, applicants: 'citizen',
    fees: [], legal: HO_TICH,
    documents: ['Tờ khai đăng ký khai tử (theo mẫu)', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử'],
    result: 'Trích lục khai tử (bản chính)',
  },
  {
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: 'LV002', level: 'commune', online: 'partial', kind: 'ct', processingDays: 1, applicants: 'both',
    fees: [{ kind: 'phi', name: 'Phí chứng thực bản sao từ bản chính', amount: 2_000, note: '2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang' }],
    legal: [['23/2015/NĐ-CP', 'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch']],
    documents: ['Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', 'Bản sao cần chứng thực'],
    result: 'Bản sao được chứng thực từ bản chính',
  },
  {
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: 'LV003', level: 'provincial', online: 'full', kind: 'cp', processingDays: 10, applicants: 'citizen',
    fees: [{ kind: 'phi', name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 200_000 }],
    legal: [['28/2009/QH12', 'Luật Lý lịch tư pháp']],
    documents: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)', 'Bản chụp thẻ Căn cước hoặc Hộ chiếu còn giá trị sử dụng'],
    result: 'Phiếu lý lịch tư pháp',
  },
  {
    name: 'Đăng ký thành lập doanh nghiệp tư nhân', field: 'LV020', level: 'provincial', online: 'full', kind: 'dk', processingDays: 3, applicants: 'business',
    fees: [{ kind: 'lephi', name: 'Lệ phí đăng ký doanh nghiệp', amount: 50_000, note: 'Miễn lệ phí đối với hồ sơ đăng ký qua mạng thông tin điện tử' }],
    legal: DOANH_NGHIEP,
    documents: ['Giấy đề nghị đăng ký doanh nghiệp tư nhân (theo mẫu)', 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân'],
    result: 'Giấy chứng nhận đăng ký doanh nghiệp',
  },
  {
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', field: 'LV020', level: 'provincial', online: 'full', kind: 'dk', processingDays: 3, applicants: 'business',
    fees: [{ kind: 'lephi', name: 'Lệ phí đăng ký doanh nghiệp', amount: 50_000, note: 'Miễn lệ phí đối với hồ sơ đăng ký qua mạng thông tin điện tử' }],
    legal: DOANH_NGHIEP,
    documents: ['Giấy đề nghị đăng ký doanh nghiệp (theo mẫu)', 'Điều lệ công ty', 'Bản sao giấy tờ pháp lý của chủ sở hữu công ty'],
    result: 'Giấy chứng nhận đăng ký doanh nghiệp',
  },
  {
    name: 'Đăng ký thành lập hộ kinh doanh', field: 'LV021', level: 'commune', online: 'full', kind: 'dk', processingDays: 3, applicants: 'citizen',
    fees: [{ kind: 'lephi', name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000, note: 'Mức thu do Hội đồng nhân dân cấp tỉnh quy định' }],
    legal: DOANH_NGHIEP,
    documents: ['Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)', 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh'],
    result: 'Giấy chứng nhận đăng ký hộ kinh doanh',
  },
  {
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', field: 'LV056', level: 'commune', online: 'partial', kind: 'cp', processingDays: 15, applicants: 'citizen',
    fees: [{ kind: 'lephi', name: 'Lệ phí cấp giấy phép xây dựng', amount: 75_000, note: 'Mức thu do Hội đồng nhân dân cấp tỉnh quy định' }],
    legal: [['50/2014/QH13', 'Luật Xây dựng']],
    documents: ['Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)', 'Bản sao giấy tờ chứng minh quyền sử dụng đất', 'Bản vẽ thiết kế xây dựng'],
    result: 'Giấy phép xây dựng',
  },
  {
    name: 'Cấp lại thẻ căn cước', field: 'LV013', level: 'central', online: 'partial', kind: 'cp', processingDays: 7, applicants: 'citizen',
    fees: [{ kind: 'lephi', name: 'Lệ phí cấp lại thẻ căn cước', amount: 70_000 }], legal: CAN_CUOC,
    documents: ['Tờ khai căn cước (theo mẫu)'],
    result: 'Thẻ căn cước',
  },
  {
    name: 'Cấp đổi thẻ căn cước', field: 'LV013', level: 'central', online: 'partial', kind: 'cp', processingDays: 7, applicants: 'citizen',
    fees: [{ kind: 'lephi', name: 'Lệ phí cấp đổi thẻ căn cước', amount: 50_000 }], legal: CAN_CUOC,
    documents: ['Tờ khai căn cước (theo mẫu)', 'Thẻ căn cước hoặc thẻ Căn cước công dân đang sử dụng'],
    result: 'Thẻ căn cước',
  },
  {
    name: 'Đăng ký thường trú', field: 'LV014', level: 'central', online: 'full', kind: 'dk', processingDays: 7, applicants: 'citizen',
    fees: [{ kind: 'lephi', name: 'Lệ phí đăng ký cư trú', amount: 20_000, note: 'Mức thu do Hội đồng nhân dân cấp tỉnh quy định' }],
    legal: [['68/2020/QH14', 'Luật Cư trú']],
    documents: ['Tờ khai thay đổi thông tin cư trú (theo mẫu)', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp'],
    result: 'Thông báo về kết quả giải quyết, hủy bỏ đăng ký cư trú',
  },
  {
    name: 'Cấp hộ chiếu phổ thông ở trong nước', field: 'LV015', level: 'central', online: 'full', kind: 'cp', processingDays: 8, applicants: 'citizen',
    fees: [{ kind: 'lephi', name: 'Lệ phí cấp hộ chiếu', amount: 200_000 }],
    legal: [['49/2019/QH14', 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam']],
    documents: ['Tờ khai đề nghị cấp hộ chiếu phổ thông (theo mẫu)', 'Ảnh chân dung'],
    result: 'Hộ chiếu phổ thông',
  },
  {
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', field: 'LV033', level: 'provincial', online: 'full', kind: 'cp', processingDays: 5, applicants: 'business',
    fees: [{ kind: 'lephi', name: 'Lệ phí cấp giấy phép lao động', amount: 600_000, note: 'Mức thu do Hội đồng nhân dân cấp tỉnh quy định' }],
    legal: [['45/2019/QH14', 'Bộ luật Lao động']],
    documents: ['Văn bản đề nghị cấp giấy phép lao động (theo mẫu)', 'Giấy chứng nhận sức khỏe', 'Phiếu lý lịch tư pháp', 'Văn bản chứng minh là nhà quản lý, giám đốc điều hành, chuyên gia hoặc lao động kỹ thuật'],
    result: 'Giấy phép lao động',
  },
  {
    name: 'Giải quyết hưởng trợ cấp thất nghiệp', field: 'LV032', level: 'provincial', online: 'partial', kind: 'gq', processingDays: 20, applicants: 'citizen',
    fees: [], legal: [['38/2013/QH13', 'Luật Việc làm']],
    documents: ['Đề nghị hưởng trợ cấp thất nghiệp (theo mẫu)', 'Bản chính hoặc bản sao có chứng thực của hợp đồng lao động đã chấm dứt', 'Sổ bảo hiểm xã hội'],
    result: 'Quyết định về việc hưởng trợ cấp thất nghiệp',
  },
  {
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    field: 'LV067', level: 'commune', online: 'partial', kind: 'dk', processingDays: 20, applicants: 'both',
    fees: [{ kind: 'lephi', name: 'Lệ phí cấp Giấy chứng nhận quyền sử dụng đất', amount: 100_000, note: 'Mức thu do Hội đồng nhân dân cấp tỉnh quy định' }],
    legal: [['31/2024/QH15', 'Luật Đất đai']],
    documents: ['Đơn đăng ký đất đai, tài sản gắn liền với đất (theo mẫu)', 'Giấy tờ về quyền sử dụng đất (nếu có)', 'Sơ đồ nhà ở, công trình xây dựng (nếu có)'],
    result: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
  },
  {
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', field: 'LV046', level: 'provincial', online: 'partial', kind: 'cp', processingDays: 20, applicants: 'business',
    fees: [{ kind: 'phi', name: 'Phí thẩm định điều kiện cơ sở an toàn thực phẩm', amount: 1_000_000 }],
    legal: [['55/2010/QH12', 'Luật An toàn thực phẩm']],
    documents: ['Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (theo mẫu)', 'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ sinh an toàn thực phẩm', 'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm'],
    result: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
  },
];
